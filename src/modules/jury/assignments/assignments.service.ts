import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../../../common/auth/roles.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import { page, type Page } from '../../../common/http/pagination.js';
import { AppConfig } from '../../../config/app-config.js';
import { Transactions } from '../../../database/transaction.js';
import { AuditLog } from '../../audit/audit.service.js';
import { EditionErrors } from '../../editions/editions.errors.js';
import { NominationErrors } from '../../nominations/nominations.errors.js';
import { nominationIdsInCategory, nominationInEdition } from '../../nominations/nomination.queries.js';
import { Notifications } from '../../notifications/notifications.service.js';
import { contactsOf } from '../../users/user.queries.js';
import { conflictExists } from '../conflict-rules.js';
import type { AddAssignmentDto, AssignmentListQuery, AutoAssignDto } from '../dto/jury.dto.js';
import { jurorLink } from '../jury-links.js';
import { AssignmentErrors } from '../jury.errors.js';
import { statusesJudgedInRound } from '../jury-rules.js';
import { RoundsService, type RoundWithEdition } from '../rounds.service.js';
import type { AssignmentView } from '../views.js';
import { calibrationIdsAmong, sampleIdsOf } from '../calibration/calibration.queries.js';
import { type AssignmentRow, assignmentsSql, toAssignmentView } from './assignment-rows.js';
import { autoAssign, describeInfeasibility } from './auto-assign.js';

export interface AutoAssignSummary {
  roundId: string;
  perNomination: number;
  /** True when nothing was saved: the preview of what saving would do. */
  dryRun: boolean;
  /** Assignments made (or, in a preview, that saving would make). */
  created: number;
  removed: number;
  categories: {
    categoryId: string;
    categoryCode: string;
    nominations: number;
    jurors: number;
    minimumLoad: number;
    maximumLoad: number;
  }[];
  /** Each panel juror's load in each category. */
  loads: { jurorId: string; fullName: string; categoryId: string; load: number }[];
  /** Each nomination's jurors. */
  nominations: { nominationId: string; title: string; categoryId: string; jurorIds: string[] }[];
}

@Injectable()
export class AssignmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly rounds: RoundsService,
    private readonly audit: AuditLog,
    private readonly notifications: Notifications,
    private readonly config: AppConfig,
  ) {}

  async list(roundId: string, query: AssignmentListQuery): Promise<Page<AssignmentView>> {
    const { round } = await this.rounds.find(this.dataSource.manager, roundId);
    const params: unknown[] = [
      round.id,
      query.categoryId ?? null,
      query.jurorId ?? null,
      query.nominationId ?? null,
    ];
    const where = `a.round_id = $1 AND ($2::uuid IS NULL OR n.category_id = $2) AND ($3::uuid IS NULL OR a.juror_id = $3) AND ($4::uuid IS NULL OR a.nomination_id = $4)`;
    const count = this.dataSource.query<[{ total: number }]>(
      `SELECT count(*)::int AS total FROM assignments a JOIN nomination_entries n ON n.id = a.nomination_id WHERE ${where}`,
      params,
    );
    const list = this.dataSource.query<AssignmentRow[]>(
      assignmentsSql(where, `OFFSET ${query.offset} LIMIT ${query.pageSize}`),
      params,
    );
    const [[{ total }], rows] = await Promise.all([count, list]);
    return page(rows.map(toAssignmentView), query, total);
  }

  /**
   * The default: every panel juror gets every nomination of their category that is judged in this round,
   * minus conflicts (a sample entry only in the round it was written for). Adds what is missing (repeating it assigns nothing twice) and mails each juror once.
   */
  async assignDefault(caller: Caller, roundId: string): Promise<{ roundId: string; created: number }> {
    return this.transactions.run(async (manager) => {
      const context = await this.rounds.find(manager, roundId, { lock: true });
      this.rounds.assertAssignable(context);
      const { round, edition } = context;
      const created = await manager.query<{ nomination_id: string; juror_id: string }[]>(
        `INSERT INTO assignments (round_id, nomination_id, juror_id)
         SELECT $1, n.id, pm.juror_id
           FROM nomination_entries n
           JOIN panel_members pm ON pm.category_id = n.category_id
          WHERE n.edition_id = $2 AND n.status = ANY($3::text[])
            AND (NOT n.sample OR EXISTS (SELECT 1 FROM calibration_entries ce WHERE ce.round_id = $1 AND ce.nomination_id = n.id))
            AND NOT ${conflictExists('$2', 'pm.juror_id', 'n.company_id')}
         ON CONFLICT ON CONSTRAINT pk_assignments DO NOTHING
         RETURNING nomination_id, juror_id`,
        [round.id, edition.id, statusesJudgedInRound(round.number)],
      );
      await this.audit.append(manager, {
        action: 'assignments.defaulted',
        entityType: 'round',
        entityId: round.id,
        editionId: edition.id,
        actorId: caller.userId,
        data: { created: created.length },
      });
      await this.mailJurors(
        manager,
        context,
        created.map((c) => ({ jurorId: c.juror_id, nominationId: c.nomination_id })),
      );
      return { roundId: round.id, created: created.length };
    });
  }

  /**
   * Replaces the round's assignments in each category (or the one named) by `perNomination` jurors per
   * nomination with balanced loads. Refused, changing nothing, if any category has no solution or if
   * scoring has started in the round. With `dryRun` it answers what it would save (the same computation,
   * the same refusals) and changes nothing.
   */
  async assignAutomatically(caller: Caller, roundId: string, dto: AutoAssignDto): Promise<AutoAssignSummary> {
    return this.transactions.run(async (manager) => {
      const context = await this.rounds.find(manager, roundId, { lock: true });
      this.rounds.assertAssignable(context);
      const { round, edition } = context;
      const plan = await this.planAutomatically(manager, context, dto);
      const { proposed, categoryIds, summary } = plan;
      const preview = {
        loads: plan.loads,
        nominations: plan.nominations,
      };
      if (dto.dryRun) {
        const [{ existing }] = await manager.query<[{ existing: number }]>(
          `SELECT count(*)::int AS existing FROM assignments a JOIN nomination_entries n ON n.id = a.nomination_id WHERE a.round_id = $1 AND n.category_id = ANY($2::uuid[])`,
          [round.id, categoryIds],
        );
        return {
          roundId: round.id,
          perNomination: dto.perNomination,
          dryRun: true,
          created: proposed.length,
          removed: existing,
          categories: summary,
          ...preview,
        };
      }

      const [, removed] = await manager.query<[unknown, number]>(
        `DELETE FROM assignments a USING nomination_entries n WHERE a.round_id = $1 AND n.id = a.nomination_id AND n.category_id = ANY($2::uuid[])`,
        [round.id, categoryIds],
      );
      await manager.query(
        `INSERT INTO assignments (round_id, nomination_id, juror_id) SELECT $1, n, j FROM unnest($2::uuid[], $3::uuid[]) AS x(n, j)`,
        [round.id, proposed.map((p) => p.nominationId), proposed.map((p) => p.jurorId)],
      );
      const result: AutoAssignSummary = {
        roundId: round.id,
        perNomination: dto.perNomination,
        dryRun: false,
        created: proposed.length,
        removed,
        categories: summary,
        ...preview,
      };
      await this.audit.append(manager, {
        action: 'assignments.auto',
        entityType: 'round',
        entityId: round.id,
        editionId: edition.id,
        actorId: caller.userId,
        data: { perNomination: dto.perNomination, created: proposed.length, removed, categories: summary },
      });
      await this.mailJurors(
        manager,
        context,
        proposed.map((p) => ({ jurorId: p.jurorId, nominationId: p.nominationId })),
      );
      return result;
    });
  }

  /** The automatic assignment of the round's categories, computed and not saved (the preview and the save share it). */
  private async planAutomatically(
    manager: EntityManager,
    { round, edition }: RoundWithEdition,
    dto: AutoAssignDto,
  ): Promise<{
    proposed: { nominationId: string; jurorId: string }[];
    categoryIds: string[];
    summary: AutoAssignSummary['categories'];
    loads: AutoAssignSummary['loads'];
    nominations: AutoAssignSummary['nominations'];
  }> {
    const categories = await manager.query<{ id: string; code: string }[]>(
      `SELECT id, code FROM edition_categories WHERE edition_id = $1 AND ($2::uuid IS NULL OR id = $2) ORDER BY position, code`,
      [edition.id, dto.categoryId ?? null],
    );
    if (dto.categoryId && !categories.length) throw new DomainError(EditionErrors.categoryNotFound);
    const categoryIds = categories.map((c) => c.id);
    const [{ scored }] = await manager.query<[{ scored: number }]>(
      `SELECT count(*)::int AS scored FROM scorecard_states s JOIN nomination_entries n ON n.id = s.nomination_id WHERE s.round_id = $1 AND n.category_id = ANY($2::uuid[])`,
      [round.id, categoryIds],
    );
    if (scored)
      throw new DomainError(AssignmentErrors.scoringStarted, `${scored} scorecard(s) exist in this round.`, {
        scorecards: scored,
      });

    const statuses = statusesJudgedInRound(round.number);
    const proposed: { nominationId: string; jurorId: string }[] = [];
    const summary: AutoAssignSummary['categories'] = [];
    const loads: AutoAssignSummary['loads'] = [];
    const previewed: AutoAssignSummary['nominations'] = [];
    for (const category of categories) {
      // A calibration entry goes to every panel juror (minus conflicts), outside the balanced share: the
      // marked nominations among the category's field, and the round's own sample entries (which are no
      // company's nomination, so not in that field).
      const entered = await nominationIdsInCategory(manager, category.id, statuses);
      const samples = await sampleIdsOf(manager, round.id, category.id);
      const calibration = new Set([...(await calibrationIdsAmong(manager, round.id, entered)), ...samples]);
      const field = [...entered, ...samples].sort();
      const nominations = field.filter((n) => !calibration.has(n));
      const jurors = await manager.query<{ id: string; fullName: string }[]>(
        `SELECT pm.juror_id AS id, u.full_name AS "fullName" FROM panel_members pm JOIN user_directory u ON u.id = pm.juror_id
          WHERE pm.category_id = $1 ORDER BY pm.juror_id`,
        [category.id],
      );
      const conflicted = await manager.query<{ nomination: string; juror: string }[]>(
        `SELECT n.id AS nomination, pm.juror_id AS juror
           FROM nomination_entries n JOIN panel_members pm ON pm.category_id = n.category_id
          WHERE n.category_id = $1 AND n.status = ANY($2::text[]) AND ${conflictExists('$3', 'pm.juror_id', 'n.company_id')}`,
        [category.id, statuses, edition.id],
      );
      const titles = new Map(
        (
          await manager.query<{ id: string; title: string }[]>(
            `SELECT id, title FROM nomination_entries WHERE id = ANY($1::uuid[])`,
            [field],
          )
        ).map((n) => [n.id, n.title]),
      );
      const names = new Map(jurors.map((j) => [j.id, j.fullName]));
      const forbidden = new Set(conflicted.map((c) => `${c.nomination}|${c.juror}`));
      const outcome = autoAssign({
        nominations,
        jurors: jurors.map((j) => j.id),
        conflicted: (n, j) => forbidden.has(`${n}|${j}`),
        perNomination: dto.perNomination,
      });
      if (!outcome.feasible) {
        // The names, so that a client can say which nomination or juror in words.
        const named =
          outcome.reason === 'too_few_jurors'
            ? { nominationTitle: titles.get(outcome.nominationId) ?? '' }
            : outcome.reason === 'juror_overconstrained'
              ? { jurorName: names.get(outcome.jurorId) ?? '' }
              : {};
        throw new DomainError(
          AssignmentErrors.infeasible,
          `Category ${category.code}: ${describeInfeasibility(outcome)}`,
          {
            ...outcome,
            ...named,
            categoryId: category.id,
            categoryCode: category.code,
            panelJurors: jurors.length,
          },
        );
      }
      const whole = [...calibration].flatMap((nominationId) =>
        jurors
          .filter((j) => !forbidden.has(`${nominationId}|${j.id}`))
          .map((j) => ({ nominationId, jurorId: j.id })),
      );
      const assignments = [...outcome.assignments, ...whole];
      proposed.push(...assignments);
      const byJuror = new Map(jurors.map((j) => [j.id, 0]));
      const byNomination = new Map(field.map((n) => [n, [] as string[]]));
      for (const a of assignments) {
        byJuror.set(a.jurorId, (byJuror.get(a.jurorId) ?? 0) + 1);
        byNomination.get(a.nominationId)?.push(a.jurorId);
      }
      for (const j of jurors)
        loads.push({
          jurorId: j.id,
          fullName: j.fullName,
          categoryId: category.id,
          load: byJuror.get(j.id)!,
        });
      for (const [nominationId, jurorIds] of byNomination)
        previewed.push({
          nominationId,
          title: titles.get(nominationId) ?? '',
          categoryId: category.id,
          jurorIds: jurorIds.sort(),
        });
      summary.push({
        categoryId: category.id,
        categoryCode: category.code,
        nominations: field.length,
        jurors: jurors.length,
        minimumLoad: outcome.minimumLoad,
        maximumLoad: outcome.maximumLoad,
      });
    }
    return { proposed, categoryIds, summary, loads, nominations: previewed };
  }

  /** One more juror on one nomination: on the category's panel, without a conflict, the nomination judged in this round. */
  async add(caller: Caller, roundId: string, dto: AddAssignmentDto): Promise<AssignmentView> {
    return this.transactions.run(async (manager) => {
      const context = await this.rounds.find(manager, roundId, { lock: true });
      this.rounds.assertAssignable(context);
      const { round, edition } = context;
      const nomination = await nominationInEdition(manager, dto.nominationId, edition.id);
      // A sample entry is judged only in the round it was written for (a juror seated later is added here).
      const foreignSample =
        nomination?.sample && !(await calibrationIdsAmong(manager, round.id, [nomination.id])).size;
      if (!nomination || foreignSample) throw new DomainError(NominationErrors.notFound);
      if (!statusesJudgedInRound(round.number).includes(nomination.status)) {
        throw new DomainError(
          AssignmentErrors.nominationNotInRound,
          `The nomination's status is '${nomination.status}'.`,
          { nominationStatus: nomination.status },
        );
      }
      const onPanel = await manager.query<unknown[]>(
        `SELECT 1 FROM panel_members WHERE category_id = $1 AND juror_id = $2`,
        [nomination.categoryId, dto.jurorId],
      );
      if (!onPanel.length) throw new DomainError(AssignmentErrors.notOnPanel);
      const [{ conflicted }] = await manager.query<[{ conflicted: boolean }]>(
        `SELECT ${conflictExists('$1', '$2', '$3')} AS conflicted`,
        [edition.id, dto.jurorId, nomination.companyId],
      );
      if (conflicted) throw new DomainError(AssignmentErrors.conflicted);
      const inserted = await manager.query<{ created_at: Date }[]>(
        `INSERT INTO assignments (round_id, nomination_id, juror_id) VALUES ($1, $2, $3) ON CONFLICT ON CONSTRAINT pk_assignments DO NOTHING RETURNING created_at`,
        [round.id, nomination.id, dto.jurorId],
      );
      if (!inserted.length) throw new DomainError(AssignmentErrors.exists);
      await this.audit.append(manager, {
        action: 'assignment.added',
        entityType: 'round',
        entityId: round.id,
        editionId: edition.id,
        actorId: caller.userId,
        data: { nominationId: nomination.id, jurorId: dto.jurorId },
      });
      await this.mailJurors(manager, context, [{ jurorId: dto.jurorId, nominationId: nomination.id }]);
      return {
        roundId: round.id,
        nominationId: nomination.id,
        jurorId: dto.jurorId,
        categoryId: nomination.categoryId,
        active: true,
        scorecardStatus: null,
        createdAt: inserted[0]!.created_at.toISOString(),
      };
    });
  }

  /**
   * A calibration entry goes to every juror of its category's panel, minus those with a conflict of interest
   * with its company (issue 17; a sample entry has none, so nobody). Adds what is missing and mails each newly
   * assigned juror; the caller holds the round's lock. Returns the jurors it assigned.
   */
  async assignWholePanel(
    manager: EntityManager,
    context: RoundWithEdition,
    nomination: { id: string; categoryId: string; companyId: string | null },
  ): Promise<string[]> {
    const { round, edition } = context;
    const created = await manager.query<{ juror_id: string }[]>(
      `INSERT INTO assignments (round_id, nomination_id, juror_id)
       SELECT $1, $2, pm.juror_id FROM panel_members pm
        WHERE pm.category_id = $3 AND NOT ${conflictExists('$4', 'pm.juror_id', '$5::uuid')}
       ON CONFLICT ON CONSTRAINT pk_assignments DO NOTHING
       RETURNING juror_id`,
      [round.id, nomination.id, nomination.categoryId, edition.id, nomination.companyId],
    );
    const jurors = created.map((c) => c.juror_id).sort();
    await this.mailJurors(
      manager,
      context,
      jurors.map((jurorId) => ({ jurorId, nominationId: nomination.id })),
    );
    return jurors;
  }

  /**
   * Takes a nomination off a juror's list. Their scorecard, if any, is kept but no longer counts; if it was
   * submitted, the organiser must say why.
   */
  async remove(
    caller: Caller,
    roundId: string,
    nominationId: string,
    jurorId: string,
    reason: string | undefined,
  ): Promise<void> {
    await this.transactions.run(async (manager) => {
      const context = await this.rounds.find(manager, roundId, { lock: true });
      this.rounds.assertAssignable(context);
      const { round, edition } = context;
      const [scorecard] = await manager.query<{ id: string; status: string }[]>(
        `SELECT id, status FROM scorecard_states WHERE round_id = $1 AND nomination_id = $2 AND juror_id = $3`,
        [round.id, nominationId, jurorId],
      );
      const assigned = await manager.query<unknown[]>(
        `SELECT 1 FROM assignments WHERE round_id = $1 AND nomination_id = $2 AND juror_id = $3`,
        [round.id, nominationId, jurorId],
      );
      if (!assigned.length) throw new DomainError(AssignmentErrors.notFound);
      if (scorecard?.status === 'submitted' && !reason?.trim())
        throw new DomainError(AssignmentErrors.reasonRequired);
      await manager.query(
        `DELETE FROM assignments WHERE round_id = $1 AND nomination_id = $2 AND juror_id = $3`,
        [round.id, nominationId, jurorId],
      );
      await this.audit.append(manager, {
        action: 'assignment.removed',
        entityType: 'round',
        entityId: round.id,
        editionId: edition.id,
        actorId: caller.userId,
        data: {
          nominationId,
          jurorId,
          reason: reason?.trim() ?? null,
          scorecard: scorecard ? { id: scorecard.id, status: scorecard.status } : null,
        },
      });
    });
  }

  /**
   * One mail per juror per batch, in their language, counting what this batch gave them; it links to the
   * nomination when the batch gave them one, to the round's worklist otherwise.
   */
  private async mailJurors(
    manager: EntityManager,
    { round, edition }: RoundWithEdition,
    given: { jurorId: string; nominationId: string }[],
  ): Promise<void> {
    const nominations = new Map<string, string[]>();
    for (const { jurorId, nominationId } of given)
      nominations.set(jurorId, [...(nominations.get(jurorId) ?? []), nominationId]);
    if (!nominations.size) return;
    const jurors = await contactsOf(manager, [...nominations.keys()]);
    const batch = randomUUID();
    for (const juror of jurors) {
      const theirs = nominations.get(juror.id)!;
      await this.notifications.notify(manager, {
        template: 'jury.assignments',
        subject: `round:${round.id}:batch:${batch}`,
        recipient: { email: juror.email, userId: juror.id, locale: juror.locale },
        params: {
          name: juror.fullName,
          editionName: edition.name,
          roundName: round.name,
          count: theirs.length,
          closesAt: round.closesAt?.toISOString() ?? null,
          link: jurorLink(this.config.PUBLIC_URL, round.id, theirs.length === 1 ? theirs[0] : undefined),
        },
      });
    }
  }
}
