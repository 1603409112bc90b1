import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import { CategoriesService } from './categories.service.js';
import {
  CreateCategoryDto,
  CreateCriterionDto,
  UpdateCategoryDto,
  UpdateCriterionDto,
} from './dto/category.dto.js';
import { CategoryResponse, CriterionResponse } from './dto/edition.response.js';
import { EditionsService } from './editions.service.js';
import type { CategoryView, CriterionView } from './views.js';

const FROZEN = {
  description: 'editions.categories_frozen once judging has opened (by phase or by clock); code taken',
};

@ApiTags('categories')
@Controller()
export class CategoriesController {
  constructor(
    private readonly editions: EditionsService,
    private readonly categories: CategoriesService,
  ) {}

  @Get('editions/:id/categories')
  @Authenticated()
  @ApiOperation({ summary: "An edition's categories with their criteria and questions" })
  @ApiOkResponse({ type: [CategoryResponse] })
  async list(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<CategoryView[]> {
    const edition = await this.editions.findVisible(caller, id);
    return this.categories.listForEdition(edition.id);
  }

  @Post('editions/:id/categories')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Add a category with its criteria (until judging opens)' })
  @ApiCreatedResponse({ type: CategoryResponse })
  @ApiConflictResponse(FROZEN)
  create(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CreateCategoryDto,
  ): Promise<CategoryView> {
    return this.categories.createCategory(caller, id, dto);
  }

  @Patch('categories/:id')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Change a category (until judging opens)' })
  @ApiOkResponse({ type: CategoryResponse })
  @ApiConflictResponse(FROZEN)
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateCategoryDto,
  ): Promise<CategoryView> {
    return this.categories.updateCategory(caller, id, dto);
  }

  @Delete('categories/:id')
  @HttpCode(204)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary: 'Remove a category and its criteria (until judging opens; not while nominations refer to it)',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiConflictResponse(FROZEN)
  async remove(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.categories.deleteCategory(caller, id);
  }

  @Post('categories/:id/criteria')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Add a criterion to a category (until judging opens)' })
  @ApiCreatedResponse({ type: CriterionResponse })
  @ApiConflictResponse(FROZEN)
  addCriterion(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CreateCriterionDto,
  ): Promise<CriterionView> {
    return this.categories.createCriterion(caller, id, dto);
  }

  @Patch('criteria/:id')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Change a criterion (until judging opens)' })
  @ApiOkResponse({ type: CriterionResponse })
  @ApiConflictResponse(FROZEN)
  updateCriterion(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateCriterionDto,
  ): Promise<CriterionView> {
    return this.categories.updateCriterion(caller, id, dto);
  }

  @Delete('criteria/:id')
  @HttpCode(204)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Remove a criterion (until judging opens; never the last of its category)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiConflictResponse(FROZEN)
  async removeCriterion(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    await this.categories.deleteCriterion(caller, id);
  }
}
