import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import type {
  CreateCategoryDto,
  CreateCriterionDto,
  UpdateCategoryDto,
  UpdateCriterionDto,
} from './dto/category.dto.js';
import { categoriesEditable, tieBreakerCriteria } from './edition-rules.js';
import { EditionErrors } from './editions.errors.js';
import { Category } from './entities/category.entity.js';
import { Criterion } from './entities/criterion.entity.js';
import { Edition } from './entities/edition.entity.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../database/pg-errors.js';
import { STANDARD_CATEGORIES } from './standard-categories.js';
import {
  type CategoryView,
  type CriterionView,
  plainDecimal,
  toCategoryView,
  toCriterionView,
} from './views.js';

type CategoryPatch = Partial<Pick<Category, 'code' | 'name' | 'description' | 'questions' | 'position'>>;
type CriterionPatch = Partial<
  Pick<Criterion, 'code' | 'name' | 'description' | 'weight' | 'scaleMin' | 'scaleMax' | 'position'>
>;

const DEFAULT_SCALE = { min: 0, max: 10 };

/** Only the fields a request actually sent; class-transformer leaves DTO instances, we store plain JSON. */
function definedFields<T extends object>(values: T): Partial<T> {
  return JSON.parse(JSON.stringify(values)) as Partial<T>;
}

function changedKeys<T extends object>(current: T, patch: Partial<T>): (keyof T)[] {
  return (Object.keys(patch) as (keyof T)[]).filter(
    (key) => JSON.stringify(current[key]) !== JSON.stringify(patch[key]),
  );
}

function changesOf<T extends object>(
  current: T,
  patch: Partial<T>,
  keys: (keyof T)[],
): Record<string, { from: unknown; to: unknown }> {
  return Object.fromEntries(keys.map((key) => [key, { from: current[key], to: patch[key] }]));
}

function assertUniqueCodes(field: string, codes: readonly string[]): void {
  const duplicates = [...new Set(codes.filter((code, i) => codes.indexOf(code) !== i))];
  if (duplicates.length) {
    throw new DomainError(
      EditionErrors.duplicateCodes,
      `${field} repeats ${duplicates.map((c) => `'${c}'`).join(', ')}.`,
      { errors: [{ field, messages: duplicates.map((c) => `code '${c}' appears more than once`) }] },
    );
  }
}

function assertScale(field: string, min: number, max: number): void {
  if (min >= max)
    throw new DomainError(
      EditionErrors.invalidScale,
      `${field}: scaleMin (${min}) must be below scaleMax (${max}).`,
      { errors: [{ field, messages: ['scaleMin must be below scaleMax'] }] },
    );
}

/**
 * Categories and their criteria. Every change locks the edition's row first (the same lock a phase change
 * takes), then checks `categoriesEditable`: a category can't be edited in the instant judging opens, and
 * checks that span the edition (codes a tie-breaker names, the last criterion) see a stable picture.
 */
@Injectable()
export class CategoriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Categories of an edition the caller may read, with criteria and questions, in display order. */
  async listForEdition(editionId: string): Promise<CategoryView[]> {
    const categories = await this.dataSource.manager.find(Category, {
      where: { editionId },
      order: { position: 'ASC', code: 'ASC' },
    });
    if (!categories.length) return [];
    const criteria = await this.dataSource.manager
      .createQueryBuilder(Criterion, 'cr')
      .where('cr.category_id IN (:...ids)', { ids: categories.map((c) => c.id) })
      .orderBy('cr.position', 'ASC')
      .addOrderBy('cr.code', 'ASC')
      .getMany();
    return categories.map((category) =>
      toCategoryView(
        category,
        criteria.filter((cr) => cr.categoryId === category.id),
      ),
    );
  }

  /** Inside the edition's creating transaction: the standard catalogue, copied. Returns the category codes. */
  async addStandardCategories(manager: EntityManager, editionId: string): Promise<string[]> {
    for (const [position, standard] of STANDARD_CATEGORIES.entries()) {
      const inserted = await manager.insert(Category, {
        editionId,
        code: standard.code,
        name: standard.name,
        description: standard.description,
        questions: standard.questions,
        position,
      });
      const categoryId = (inserted.identifiers[0] as { id: string }).id;
      await manager.insert(
        Criterion,
        standard.criteria.map((criterion, i) => ({
          categoryId,
          code: criterion.code,
          name: criterion.name,
          description: criterion.description,
          weight: criterion.weight,
          scaleMin: DEFAULT_SCALE.min,
          scaleMax: DEFAULT_SCALE.max,
          position: i,
        })),
      );
    }
    return STANDARD_CATEGORIES.map((c) => c.code);
  }

  /** Every criterion code used in the edition (what `criterion:<code>` tie-breakers may name). */
  async criterionCodes(manager: EntityManager, editionId: string): Promise<string[]> {
    const rows = await manager.query<{ code: string }[]>(
      `SELECT DISTINCT cr.code FROM criteria cr JOIN categories c ON c.id = cr.category_id WHERE c.edition_id = $1`,
      [editionId],
    );
    return rows.map((r) => r.code);
  }

  async countForEdition(manager: EntityManager, editionId: string): Promise<number> {
    return manager.countBy(Category, { editionId });
  }

  async createCategory(caller: Caller, editionId: string, dto: CreateCategoryDto): Promise<CategoryView> {
    assertUniqueCodes(
      'criteria',
      dto.criteria.map((c) => c.code),
    );
    assertUniqueCodes(
      'questions',
      (dto.questions ?? []).map((q) => q.code),
    );
    dto.criteria.forEach((c, i) =>
      assertScale(`criteria.${i}`, c.scaleMin ?? DEFAULT_SCALE.min, c.scaleMax ?? DEFAULT_SCALE.max),
    );
    return this.transactions.run(async (manager) => {
      const edition = await this.lockEdition(manager, editionId);
      this.assertEditable(edition);
      const position =
        dto.position ?? (await this.nextPosition(manager, 'categories', 'edition_id', editionId));
      const values = definedFields({
        editionId,
        code: dto.code,
        name: dto.name,
        description: dto.description,
        questions: dto.questions ?? [],
        position,
      });
      let categoryId: string;
      try {
        categoryId = ((await manager.insert(Category, values)).identifiers[0] as { id: string }).id;
      } catch (error) {
        if (isUniqueViolation(error, 'uq_categories_edition_code'))
          throw new DomainError(
            EditionErrors.categoryCodeTaken,
            `This edition already has a category '${dto.code}'.`,
          );
        throw error;
      }
      const criteria = dto.criteria.map((c, i) => this.criterionValues(categoryId, c, c.position ?? i));
      await manager.insert(Criterion, criteria);
      await this.audit.append(manager, {
        action: 'categories.created',
        entityType: 'category',
        entityId: categoryId,
        editionId,
        actorId: caller.userId,
        data: {
          code: dto.code,
          position,
          questions: values.questions,
          criteria: criteria.map((c) => ({
            code: c.code,
            weight: plainDecimal(c.weight),
            scaleMin: c.scaleMin,
            scaleMax: c.scaleMax,
          })),
        },
      });
      return this.categoryView(manager, categoryId);
    });
  }

  async updateCategory(caller: Caller, categoryId: string, dto: UpdateCategoryDto): Promise<CategoryView> {
    if (dto.questions)
      assertUniqueCodes(
        'questions',
        dto.questions.map((q) => q.code),
      );
    return this.transactions.run(async (manager) => {
      const { edition, category } = await this.lockCategory(manager, categoryId);
      this.assertEditable(edition);
      const patch = definedFields<CategoryPatch>({
        code: dto.code,
        name: dto.name,
        description: dto.description,
        questions: dto.questions,
        position: dto.position,
      });
      const changed = changedKeys<CategoryPatch>(category, patch);
      if (!changed.length) return this.categoryView(manager, categoryId);
      try {
        await manager.update(
          Category,
          { id: categoryId },
          Object.fromEntries(changed.map((k) => [k, patch[k]])),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'uq_categories_edition_code'))
          throw new DomainError(
            EditionErrors.categoryCodeTaken,
            `This edition already has a category '${dto.code}'.`,
          );
        throw error;
      }
      await this.audit.append(manager, {
        action: 'categories.updated',
        entityType: 'category',
        entityId: categoryId,
        editionId: edition.id,
        actorId: caller.userId,
        data: { code: category.code, changes: changesOf<CategoryPatch>(category, patch, changed) },
      });
      return this.categoryView(manager, categoryId);
    });
  }

  async deleteCategory(caller: Caller, categoryId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const { edition, category } = await this.lockCategory(manager, categoryId);
      this.assertEditable(edition);
      try {
        await manager.delete(Category, { id: categoryId });
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new DomainError(EditionErrors.categoryInUse);
        throw error;
      }
      await this.assertTieBreakersResolve(manager, edition);
      await this.audit.append(manager, {
        action: 'categories.deleted',
        entityType: 'category',
        entityId: categoryId,
        editionId: edition.id,
        actorId: caller.userId,
        data: { code: category.code },
      });
    });
  }

  async createCriterion(caller: Caller, categoryId: string, dto: CreateCriterionDto): Promise<CriterionView> {
    assertScale('scaleMin', dto.scaleMin ?? DEFAULT_SCALE.min, dto.scaleMax ?? DEFAULT_SCALE.max);
    return this.transactions.run(async (manager) => {
      const { edition, category } = await this.lockCategory(manager, categoryId);
      this.assertEditable(edition);
      const values = this.criterionValues(
        categoryId,
        dto,
        dto.position ?? (await this.nextPosition(manager, 'criteria', 'category_id', categoryId)),
      );
      let criterionId: string;
      try {
        criterionId = ((await manager.insert(Criterion, values)).identifiers[0] as { id: string }).id;
      } catch (error) {
        if (isUniqueViolation(error, 'uq_criteria_category_code'))
          throw new DomainError(
            EditionErrors.criterionCodeTaken,
            `The category already has a criterion '${dto.code}'.`,
          );
        throw error;
      }
      await this.audit.append(manager, {
        action: 'criteria.created',
        entityType: 'criterion',
        entityId: criterionId,
        editionId: edition.id,
        actorId: caller.userId,
        data: {
          category: category.code,
          code: values.code,
          weight: plainDecimal(values.weight),
          scaleMin: values.scaleMin,
          scaleMax: values.scaleMax,
          position: values.position,
        },
      });
      return toCriterionView(await manager.findOneByOrFail(Criterion, { id: criterionId }));
    });
  }

  async updateCriterion(
    caller: Caller,
    criterionId: string,
    dto: UpdateCriterionDto,
  ): Promise<CriterionView> {
    return this.transactions.run(async (manager) => {
      const { edition, category, criterion } = await this.lockCriterion(manager, criterionId);
      this.assertEditable(edition);
      const patch = definedFields<CriterionPatch>({
        code: dto.code,
        name: dto.name,
        description: dto.description,
        weight: dto.weight,
        scaleMin: dto.scaleMin,
        scaleMax: dto.scaleMax,
        position: dto.position,
      });
      assertScale('scaleMin', patch.scaleMin ?? criterion.scaleMin, patch.scaleMax ?? criterion.scaleMax);
      // Compare weights as numbers: "1.5" and the stored "1.5000" are the same weight.
      const current = { ...criterion, weight: plainDecimal(criterion.weight) };
      if (patch.weight !== undefined) patch.weight = plainDecimal(patch.weight);
      const changed = changedKeys<CriterionPatch>(current, patch);
      if (!changed.length) return toCriterionView(criterion);
      try {
        await manager.update(
          Criterion,
          { id: criterionId },
          Object.fromEntries(changed.map((k) => [k, patch[k]])),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'uq_criteria_category_code'))
          throw new DomainError(
            EditionErrors.criterionCodeTaken,
            `The category already has a criterion '${dto.code}'.`,
          );
        throw error;
      }
      if (changed.includes('code')) await this.assertTieBreakersResolve(manager, edition);
      await this.audit.append(manager, {
        action: 'criteria.updated',
        entityType: 'criterion',
        entityId: criterionId,
        editionId: edition.id,
        actorId: caller.userId,
        data: {
          category: category.code,
          code: criterion.code,
          changes: changesOf<CriterionPatch>(current, patch, changed),
        },
      });
      return toCriterionView(await manager.findOneByOrFail(Criterion, { id: criterionId }));
    });
  }

  async deleteCriterion(caller: Caller, criterionId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const { edition, category, criterion } = await this.lockCriterion(manager, criterionId);
      this.assertEditable(edition);
      if ((await manager.countBy(Criterion, { categoryId: category.id })) <= 1)
        throw new DomainError(
          EditionErrors.lastCriterion,
          `'${criterion.code}' is the only criterion of '${category.code}'.`,
        );
      try {
        await manager.delete(Criterion, { id: criterionId });
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new DomainError(EditionErrors.criterionInUse);
        throw error;
      }
      await this.assertTieBreakersResolve(manager, edition);
      await this.audit.append(manager, {
        action: 'criteria.deleted',
        entityType: 'criterion',
        entityId: criterionId,
        editionId: edition.id,
        actorId: caller.userId,
        data: { category: category.code, code: criterion.code },
      });
    });
  }

  private criterionValues(categoryId: string, dto: CreateCriterionDto, position: number) {
    return {
      categoryId,
      code: dto.code,
      name: definedFields(dto.name) as Criterion['name'],
      description: definedFields(dto.description) as Criterion['description'],
      weight: plainDecimal(dto.weight),
      scaleMin: dto.scaleMin ?? DEFAULT_SCALE.min,
      scaleMax: dto.scaleMax ?? DEFAULT_SCALE.max,
      position,
    };
  }

  private async categoryView(manager: EntityManager, categoryId: string): Promise<CategoryView> {
    const category = await manager.findOneByOrFail(Category, { id: categoryId });
    const criteria = await manager.find(Criterion, {
      where: { categoryId },
      order: { position: 'ASC', code: 'ASC' },
    });
    return toCategoryView(category, criteria);
  }

  private async nextPosition(
    manager: EntityManager,
    table: 'categories' | 'criteria',
    parentColumn: 'edition_id' | 'category_id',
    parentId: string,
  ): Promise<number> {
    const [row] = await manager.query<{ next: number }[]>(
      `SELECT coalesce(max(position) + 1, 0)::int AS next FROM ${table} WHERE ${parentColumn} = $1`,
      [parentId],
    );
    return Math.min(row?.next ?? 0, 1000);
  }

  private async lockEdition(manager: EntityManager, editionId: string): Promise<Edition> {
    const edition = await manager.findOne(Edition, {
      where: { id: editionId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!edition) throw new DomainError(EditionErrors.notFound);
    return edition;
  }

  /** The category and its edition, with the edition locked; read again under the lock in case it just went. */
  private async lockCategory(
    manager: EntityManager,
    categoryId: string,
  ): Promise<{ edition: Edition; category: Category }> {
    const found = await manager.findOneBy(Category, { id: categoryId });
    if (!found) throw new DomainError(EditionErrors.categoryNotFound);
    const edition = await this.lockEdition(manager, found.editionId);
    const category = await manager.findOneBy(Category, { id: categoryId });
    if (!category) throw new DomainError(EditionErrors.categoryNotFound);
    return { edition, category };
  }

  private async lockCriterion(
    manager: EntityManager,
    criterionId: string,
  ): Promise<{ edition: Edition; category: Category; criterion: Criterion }> {
    const found = await manager.findOneBy(Criterion, { id: criterionId });
    if (!found) throw new DomainError(EditionErrors.criterionNotFound);
    const { edition, category } = await this.lockCategory(manager, found.categoryId);
    const criterion = await manager.findOneBy(Criterion, { id: criterionId });
    if (!criterion) throw new DomainError(EditionErrors.criterionNotFound);
    return { edition, category, criterion };
  }

  private assertEditable(edition: Edition): void {
    if (!categoriesEditable(edition, this.clock.now())) {
      throw new DomainError(
        EditionErrors.categoriesFrozen,
        `The edition is in '${edition.phase}' and judging opens at ${edition.judgingOpenAt.toISOString()}.`,
        {
          currentPhase: edition.phase,
          judgingOpenAt: edition.judgingOpenAt.toISOString(),
        },
      );
    }
  }

  /** After criteria were removed or renamed: every `criterion:<code>` tie-breaker must still find a criterion. */
  private async assertTieBreakersResolve(manager: EntityManager, edition: Edition): Promise<void> {
    const named = tieBreakerCriteria(edition.tieBreakers);
    if (!named.length) return;
    const codes = await this.criterionCodes(manager, edition.id);
    const orphaned = named.filter((code) => !codes.includes(code));
    if (orphaned.length) {
      throw new DomainError(
        EditionErrors.criterionInTieBreakers,
        `The edition's tie-breakers name ${orphaned.map((c) => `criterion:${c}`).join(', ')}, which would no longer match any criterion.`,
        {
          tieBreakers: edition.tieBreakers,
        },
      );
    }
  }
}
