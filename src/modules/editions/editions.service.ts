import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { Clock } from '../../common/clock.js';
import { CommonErrors, DomainError } from '../../common/errors/domain-error.js';
import { page, type Page } from '../../common/http/pagination.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { CategoriesService } from './categories.service.js';
import { EditionReminders } from './edition-reminders.js';
import type { CreateEditionDto, EditionListQuery, UpdateEditionDto } from './dto/edition.dto.js';
import {
  assertPhase,
  assertPhaseMove,
  editionVisibleTo,
  judgingHasOpened,
  nextPhase,
  phaseIndex,
  tieBreakerCriteria,
  timelineProblems,
  visiblePhases,
  type Timeline,
} from './edition-rules.js';
import { movePhase } from './edition-phase.js';
import { EditionErrors } from './editions.errors.js';
import { Edition, type Phase, PHASES } from './entities/edition.entity.js';
import { assertFresh } from '../../common/http/etag.js';
import { isUniqueViolation } from '../../database/pg-errors.js';
import { STANDARD_CATEGORIES } from './standard-categories.js';
import { type PhaseBlocker, PhaseChecks } from './phase-checks.js';

export type { PhaseBlocker } from './phase-checks.js';

/** Where an edition is, where it can go next and what stands in the way, as `POST …/phase` would judge it. */
export interface PhaseReadiness {
  phase: Phase;
  nextPhase: Phase | null;
  blockers: PhaseBlocker[];
}

/** The fields PATCH may change. */
type EditionPatch = Partial<
  Pick<
    Edition,
    | 'slug'
    | 'name'
    | 'nominationsOpenAt'
    | 'nominationsCloseAt'
    | 'judgingOpenAt'
    | 'judgingCloseAt'
    | 'resultsEmbargoUntil'
    | 'scoringMethod'
    | 'tieBreakers'
    | 'minScorecards'
    | 'maxNominationsPerCompanyPerCategory'
    | 'blind'
    | 'calibrationFeedback'
    | 'publishJuryStatistics'
    | 'reminderLeadHours'
    | 'minJurorAgreement'
    | 'maxJurorLeniencySigma'
  >
>;
type EditionField = keyof EditionPatch;

/**
 * Rules that decide a ranking, or what is published about the jury: changing them once anyone may have
 * scored would change the results, or what jurors were told when they scored.
 */
const JUDGING_RULES: readonly EditionField[] = [
  'scoringMethod',
  'tieBreakers',
  'minScorecards',
  'blind',
  'publishJuryStatistics',
];

/** An archived edition is a record; every other phase still takes corrections. */
const EDITABLE_PHASES = PHASES.filter((p) => p !== 'archived');

const STANDARD_CRITERION_CODES = STANDARD_CATEGORIES.flatMap((c) => c.criteria.map((cr) => cr.code));

/** Attempts a PATCH without `If-Match` makes before giving up on a busy edition. */
const UPDATE_ATTEMPTS = 3;
const LOST_RACE = Symbol('lost race');

function toDate(value: string | null | undefined): Date | null | undefined {
  return value === undefined ? undefined : value === null ? null : new Date(value);
}

function patchOf(dto: UpdateEditionDto): EditionPatch {
  const patch: EditionPatch = {
    slug: dto.slug,
    name: dto.name?.trim(),
    nominationsOpenAt: toDate(dto.nominationsOpenAt) ?? undefined,
    nominationsCloseAt: toDate(dto.nominationsCloseAt) ?? undefined,
    judgingOpenAt: toDate(dto.judgingOpenAt) ?? undefined,
    judgingCloseAt: toDate(dto.judgingCloseAt) ?? undefined,
    resultsEmbargoUntil: toDate(dto.resultsEmbargoUntil),
    scoringMethod: dto.scoringMethod,
    tieBreakers: dto.tieBreakers,
    minScorecards: dto.minScorecards,
    maxNominationsPerCompanyPerCategory: dto.maxNominationsPerCompanyPerCategory,
    blind: dto.blind,
    calibrationFeedback: dto.calibrationFeedback,
    publishJuryStatistics: dto.publishJuryStatistics,
    reminderLeadHours: dto.reminderLeadHours,
    minJurorAgreement: dto.minJurorAgreement,
    maxJurorLeniencySigma: dto.maxJurorLeniencySigma,
  };
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

/** A value as the audit log records it: dates as ISO strings. */
function auditValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(auditValue(a)) === JSON.stringify(auditValue(b));
}

function assertTimeline(timeline: Timeline): void {
  const problems = timelineProblems(timeline);
  if (problems.length) {
    throw new DomainError(EditionErrors.invalidTimeline, problems.flatMap((p) => p.messages).join('; '), {
      errors: problems,
    });
  }
}

function assertTieBreakersKnown(tieBreakers: readonly string[], criterionCodes: readonly string[]): void {
  const unknown = tieBreakerCriteria(tieBreakers).filter((code) => !criterionCodes.includes(code));
  if (unknown.length) {
    throw new DomainError(
      EditionErrors.invalidTieBreakers,
      `No criterion of this edition has the code ${unknown.map((c) => `'${c}'`).join(', ')}.`,
      {
        errors: [
          {
            field: 'tieBreakers',
            messages: unknown.map((code) => `criterion:${code} names no criterion of the edition`),
          },
        ],
      },
    );
  }
}

@Injectable()
export class EditionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly categories: CategoriesService,
    private readonly reminders: EditionReminders,
    private readonly phaseChecks: PhaseChecks,
  ) {}

  async list(caller: Caller, query: EditionListQuery): Promise<Page<Edition>> {
    const qb = this.dataSource.getRepository(Edition).createQueryBuilder('e');
    qb.where('e.phase IN (:...visible)', { visible: visiblePhases(caller) });
    if (query.phase) qb.andWhere('e.phase = :phase', { phase: query.phase });
    const [items, total] = await qb
      .orderBy('e.nominations_open_at', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .offset(query.offset)
      .limit(query.pageSize)
      .getManyAndCount();
    return page(items, query, total);
  }

  /**
   * The edition, if the caller may know it exists (see `editionVisibleTo`); otherwise 404, the same answer
   * as for an id that was never used. Other modules resolve editions for callers through this.
   */
  async findVisible(
    caller: Caller,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Edition> {
    const edition = await manager.findOneBy(Edition, { id });
    if (!edition || !editionVisibleTo(caller, edition)) throw new DomainError(EditionErrors.notFound);
    return edition;
  }

  /** A new edition starts in `draft` with the four standard categories, all in one transaction. */
  async create(caller: Caller, dto: CreateEditionDto): Promise<Edition> {
    const values = {
      slug: dto.slug,
      name: dto.name.trim(),
      phase: 'draft' as const,
      nominationsOpenAt: new Date(dto.nominationsOpenAt),
      nominationsCloseAt: new Date(dto.nominationsCloseAt),
      judgingOpenAt: new Date(dto.judgingOpenAt),
      judgingCloseAt: new Date(dto.judgingCloseAt),
      resultsEmbargoUntil: dto.resultsEmbargoUntil ? new Date(dto.resultsEmbargoUntil) : null,
      scoringMethod: dto.scoringMethod ?? 'mean',
      tieBreakers: dto.tieBreakers ?? [],
      minScorecards: dto.minScorecards ?? 3,
      maxNominationsPerCompanyPerCategory: dto.maxNominationsPerCompanyPerCategory ?? 3,
      blind: dto.blind ?? false,
      calibrationFeedback: dto.calibrationFeedback ?? false,
      publishJuryStatistics: dto.publishJuryStatistics ?? false,
      reminderLeadHours: dto.reminderLeadHours ?? 72,
      minJurorAgreement: dto.minJurorAgreement ?? 0.3,
      maxJurorLeniencySigma: dto.maxJurorLeniencySigma ?? 1,
    };
    assertTimeline(values);
    assertTieBreakersKnown(values.tieBreakers, STANDARD_CRITERION_CODES);
    return this.transactions.run(async (manager) => {
      let id: string;
      try {
        const inserted = await manager.insert(Edition, values);
        id = (inserted.identifiers[0] as { id: string }).id;
      } catch (error) {
        if (isUniqueViolation(error, 'uq_editions_slug'))
          throw new DomainError(EditionErrors.slugTaken, `The slug '${dto.slug}' is taken.`);
        throw error;
      }
      const categoryCodes = await this.categories.addStandardCategories(manager, id);
      await this.audit.append(manager, {
        action: 'editions.created',
        entityType: 'edition',
        entityId: id,
        editionId: id,
        actorId: caller.userId,
        data: {
          ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, auditValue(v)])),
          categories: categoryCodes,
        },
      });
      return manager.findOneByOrFail(Edition, { id });
    });
  }

  /**
   * Optimistic concurrency: the change is written by `UPDATE … WHERE version = <the version read>`, so of
   * two organisers editing at once the second learns it worked on a stale copy (409) instead of silently
   * overwriting. With `If-Match` the client names that version itself; without, a lost race is retried.
   */
  async update(
    caller: Caller,
    id: string,
    dto: UpdateEditionDto,
    expected: number[] | undefined,
  ): Promise<Edition> {
    const patch = patchOf(dto);
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.transactions.run((manager) =>
        this.updateOnce(manager, caller, id, patch, expected),
      );
      if (outcome !== LOST_RACE) return outcome;
      if (expected || attempt >= UPDATE_ATTEMPTS)
        throw new DomainError(
          CommonErrors.staleVersion,
          'The edition changed while this request was applied; read it again.',
        );
    }
  }

  private async updateOnce(
    manager: EntityManager,
    caller: Caller,
    id: string,
    patch: EditionPatch,
    expected: number[] | undefined,
  ): Promise<Edition | typeof LOST_RACE> {
    const edition = await manager.findOneBy(Edition, { id });
    if (!edition) throw new DomainError(EditionErrors.notFound);
    assertFresh(expected, edition.version, 'edition');
    assertPhase(edition, ...EDITABLE_PHASES);
    const changed = (Object.keys(patch) as EditionField[]).filter(
      (field) => !sameValue(edition[field], patch[field]),
    );
    if (!changed.length) return edition;

    const merged = { ...edition, ...patch };
    const now = this.clock.now();
    const frozen = changed.filter((field) => JUDGING_RULES.includes(field));
    // Also by the new timeline: moving judgingOpenAt into the past and changing the method at once is no loophole.
    if (frozen.length && (judgingHasOpened(edition, now) || judgingHasOpened(merged, now))) {
      throw new DomainError(
        EditionErrors.judgingRulesFrozen,
        `Judging has opened; ${frozen.join(', ')} can no longer change.`,
        { fields: frozen, currentPhase: edition.phase },
      );
    }
    if (changed.includes('slug') && phaseIndex(edition.phase) >= phaseIndex('published'))
      throw new DomainError(EditionErrors.slugFrozen, undefined, { currentPhase: edition.phase });
    assertTimeline(merged);

    const set = Object.fromEntries(changed.map((field) => [field, patch[field]])) as EditionPatch;
    let affected: number | undefined;
    try {
      const result = await manager
        .createQueryBuilder()
        .update(Edition)
        .set({ ...set, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version: edition.version })
        .execute();
      affected = result.affected;
    } catch (error) {
      if (isUniqueViolation(error, 'uq_editions_slug'))
        throw new DomainError(EditionErrors.slugTaken, `The slug '${patch.slug}' is taken.`);
      throw error;
    }
    if (affected === 0) return LOST_RACE;

    // Checked after the UPDATE, which holds the edition's row lock: criteria changes take the same lock, so
    // none can slip in between this check and the commit.
    if (set.tieBreakers)
      assertTieBreakersKnown(set.tieBreakers, await this.categories.criterionCodes(manager, id));

    await this.audit.append(manager, {
      action: 'editions.updated',
      entityType: 'edition',
      entityId: id,
      editionId: id,
      actorId: caller.userId,
      data: {
        version: edition.version + 1,
        changes: Object.fromEntries(
          changed.map((f) => [f, { from: auditValue(edition[f]), to: auditValue(set[f]) }]),
        ),
      },
    });
    // Jurors' reminders are planned from the lead time: plan them for the new one too. Each reminder is
    // mailed once per juror (its notification key), at whichever planned moment comes first.
    if (set.reminderLeadHours !== undefined) await this.reminders.leadTimeChanged(manager, id);
    return manager.findOneByOrFail(Edition, { id });
  }

  /**
   * Moves the edition one step forward. The row is locked for the whole transaction, so a phase change and
   * a category edit (which checks the phase under the same lock) never interleave.
   */
  async changePhase(caller: Caller, id: string, to: Phase, expected: number[] | undefined): Promise<Edition> {
    return this.transactions.run(async (manager) => {
      const edition = await manager.findOne(Edition, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!edition) throw new DomainError(EditionErrors.notFound);
      assertFresh(expected, edition.version, 'edition');
      const from = edition.phase;
      // The step is judged before what the target phase needs, so a wrong target answers as such.
      assertPhaseMove(from, to, 'organiser');
      const [blocker] = await this.blockersFor(manager, edition, to);
      if (blocker) {
        throw new DomainError(blocker.error, blocker.detail, { currentPhase: from, ...blocker.params });
      }
      await movePhase(manager, edition, to, 'organiser');
      await this.audit.append(manager, {
        action: 'editions.phase_changed',
        entityType: 'edition',
        entityId: id,
        editionId: id,
        actorId: caller.userId,
        data: { from, to },
      });
      return manager.findOneByOrFail(Edition, { id });
    });
  }

  /**
   * What the next phase needs that the edition lacks, without moving it: the phase bar shows these before
   * the organiser tries. The very check `changePhase` refuses with, so the two cannot disagree.
   */
  async phaseReadiness(caller: Caller, id: string): Promise<PhaseReadiness> {
    const edition = await this.findVisible(caller, id);
    const next = nextPhase(edition.phase) ?? null;
    const blockers = next ? await this.blockersFor(this.dataSource.manager, edition, next) : [];
    return { phase: edition.phase, nextPhase: next, blockers };
  }

  /**
   * What a phase needs beyond being next, every unmet need in the order they are checked (a move is refused
   * with the first). `published` is normally reached through publication (which also writes the manifest);
   * this route allows it too, for editions published by other means, but never before the embargo. The
   * edition's own needs come first, then those other modules registered (`PhaseChecks`).
   */
  private async blockersFor(manager: EntityManager, edition: Edition, to: Phase): Promise<PhaseBlocker[]> {
    const blockers: PhaseBlocker[] = [];
    if (to === 'nominations' && (await this.categories.countForEdition(manager, edition.id)) === 0) {
      blockers.push({ error: EditionErrors.noCategories, params: {} });
    }
    if (to === 'published' && edition.resultsEmbargoUntil && this.clock.now() < edition.resultsEmbargoUntil) {
      const until = edition.resultsEmbargoUntil.toISOString();
      blockers.push({
        error: EditionErrors.embargoed,
        detail: `Results are embargoed until ${until}.`,
        params: { resultsEmbargoUntil: until },
      });
    }
    blockers.push(...(await this.phaseChecks.blockersFor(manager, edition, to)));
    return blockers;
  }
}
