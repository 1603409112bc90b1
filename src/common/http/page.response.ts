import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { Page } from './pagination.js';

/**
 * The documented shape of a `Page<T>` of `item`s, for a response class to extend
 * (`class UserPage extends PageResponse(UserResponse) {}`), so every page has its own named schema.
 */
export function PageResponse<T>(item: Type<T>): Type<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
    page!: number;

    @ApiProperty({ type: 'integer', minimum: 1, example: 20 })
    pageSize!: number;

    @ApiProperty({ type: 'integer', minimum: 0, example: 42, description: 'Items matching, over every page' })
    total!: number;
  }
  return PageOfItems;
}
