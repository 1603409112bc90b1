import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
/** Nobody pages a million rows by hand (use filters); the bound also keeps OFFSET far inside int4. */
export const MAX_PAGE = 10_000;

/** A page number: 1 to MAX_PAGE, from the query string's text. The default is the field's initialiser. */
export const PageNumber = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_PAGE),
  );

/** A page's size: 1 to MAX_PAGE_SIZE, default 20. */
export const PageSize = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_PAGE_SIZE),
  );

export class PageQuery {
  @PageNumber()
  page = 1;

  @PageSize()
  pageSize = 20;

  get offset(): number {
    return (this.page - 1) * this.pageSize;
  }
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export function page<T>(items: T[], query: PageQuery, total: number): Page<T> {
  return { items, page: query.page, pageSize: query.pageSize, total };
}
