import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Page, page } from '../../common/http/pagination.js';
import { runPrepared } from '../../database/prepared-statements.js';
import { categoriesOf, rankingRulesOf } from '../editions/edition.queries.js';
import type { NominationProgressQuery } from './dto/jury.dto.js';
import { statusesJudgedInRound } from './jury-rules.js';
import { type ManualReminderState, manualReminderState } from './reminders/manual-reminders.js';
import { RoundsService } from './rounds.service.js';
import { type AssignmentRow, assignmentsSql, toAssignmentView } from './assignments/assignment-rows.js';
import { type AssignmentView, type RoundView, toRoundView } from './views.js';

export interface ProgressCounts {
  /** Standing assignments (conflicted ones and withdrawn nominations left out). */
  assigned: number;
  /** Scorecards saved but not submitted. */
  drafted: number;
  submitted: number;
  /** Assigned and not submitted. */
  remaining: number;
}

export interface JurorProgress extends ProgressCounts {
  jurorId: string;
  fullName: string;
  email: string;
  /** Whether the juror has confirmed their conflicts in this edition (scoring needs it). */
  conflictsConfirmed: boolean;
}

export interface CategoryProgress extends ProgressCounts {
  categoryId: string;
  categoryCode: string;
}

export interface NominationProgress extends ProgressCounts {
  nominationId: string;
  title: string;
  categoryId: string;
  /** Every juror assigned to it in the round, standing or silenced, with their scorecard's status. */
  assignments: AssignmentView[];
}

export interface RoundProgress {
  round: RoundView;
  totals: ProgressCounts;
  jurors: JurorProgress[];
  categories: CategoryProgress[];
  /** Jurors with scorecards still to submit, most remaining first. */
  behind: { jurorId: string; fullName: string; remaining: number }[];
  /** The edition's minimum scorecards for a nomination to be ranked. */
  minScorecards: number;
  /** Nominations judged in the round with fewer submitted scorecards than that: unranked if it closed now. */
  belowMinimum: number;
  /** The organiser's "remind the jurors who are behind" and its cool-down. */
  reminder: ManualReminderState;
}

interface CountRow {
  jurorId: string;
  categoryId: string;
  assigned: number;
  drafted: number;
  submitted: number;
}

function counts(rows: CountRow[]): ProgressCounts {
  const assigned = rows.reduce((sum, r) => sum + r.assigned, 0);
  const drafted = rows.reduce((sum, r) => sum + r.drafted, 0);
  const submitted = rows.reduce((sum, r) => sum + r.submitted, 0);
  return { assigned, drafted, submitted, remaining: assigned - submitted };
}

function groupBy<K>(rows: CountRow[], key: (row: CountRow) => K): Map<K, CountRow[]> {
  const groups = new Map<K, CountRow[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

@Injectable()
export class ProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
  ) {}

  /** Scorecards done per juror and per category over the round's standing assignments. */
  async progress(roundId: string): Promise<RoundProgress> {
    const { round } = await this.rounds.find(this.dataSource.manager, roundId);
    const rules = await rankingRulesOf(this.dataSource.manager, round.editionId);
    const minScorecards = rules?.minScorecards ?? 0;
    // One statement reads the round's standing assignments and their scorecards once, for the counts per
    // juror and category and for the nominations below the minimum (the same nominations and counts as the
    // per-nomination list below). Named, so each connection plans it once.
    const [counted] = await runPrepared<{ rows: CountRow[] | null; belowMinimum: number }>(
      this.dataSource,
      'progress_counts',
      `WITH standing AS MATERIALIZED (
         SELECT aa.juror_id, aa.category_id, aa.nomination_id, s.status
           FROM active_assignments aa
           LEFT JOIN scorecard_states s ON s.round_id = aa.round_id AND s.nomination_id = aa.nomination_id AND s.juror_id = aa.juror_id
          WHERE aa.round_id = $1 AND aa.edition_id = $2),
       submitted AS (
         SELECT nomination_id, count(*) FILTER (WHERE status = 'submitted')::int AS n
           FROM standing GROUP BY nomination_id)
       SELECT (SELECT json_agg(g) FROM (
                 SELECT juror_id AS "jurorId", category_id AS "categoryId", count(*)::int AS assigned,
                        count(*) FILTER (WHERE status = 'draft')::int AS drafted,
                        count(*) FILTER (WHERE status = 'submitted')::int AS submitted
                   FROM standing GROUP BY juror_id, category_id) g) AS rows,
              (SELECT count(*)::int
                 FROM contest_entries n LEFT JOIN submitted c ON c.nomination_id = n.id
                WHERE n.edition_id = $2 AND n.status = ANY($3::text[]) AND coalesce(c.n, 0) < $4) AS "belowMinimum"`,
      // Naming the edition lets the view read only that edition's conflicts.
      [round.id, round.editionId, statusesJudgedInRound(round.number), minScorecards],
    );
    const rows = counted?.rows ?? [];
    const jurorIds = [...new Set(rows.map((r) => r.jurorId))];
    const people = await this.dataSource.query<
      { id: string; fullName: string; email: string; confirmed: boolean }[]
    >(
      `SELECT u.id, u.full_name AS "fullName", u.email,
              EXISTS (SELECT 1 FROM conflict_confirmations cc WHERE cc.edition_id = $2 AND cc.juror_id = u.id) AS confirmed
         FROM user_directory u WHERE u.id = ANY($1::uuid[])`,
      [jurorIds, round.editionId],
    );
    const categories = await categoriesOf(this.dataSource.manager, round.editionId);

    const byJuror = groupBy(rows, (r) => r.jurorId);
    const byCategory = groupBy(rows, (r) => r.categoryId);
    const jurors = people
      .map((p) => ({
        jurorId: p.id,
        fullName: p.fullName,
        email: p.email,
        conflictsConfirmed: p.confirmed,
        ...counts(byJuror.get(p.id) ?? []),
      }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName) || a.jurorId.localeCompare(b.jurorId));
    return {
      round: toRoundView(round),
      totals: counts(rows),
      jurors,
      categories: categories.map((c) => ({
        categoryId: c.id,
        categoryCode: c.code,
        ...counts(byCategory.get(c.id) ?? []),
      })),
      behind: jurors
        .filter((j) => j.remaining > 0)
        .sort((a, b) => b.remaining - a.remaining || a.fullName.localeCompare(b.fullName))
        .map((j) => ({ jurorId: j.jurorId, fullName: j.fullName, remaining: j.remaining })),
      minScorecards,
      belowMinimum: counted?.belowMinimum ?? 0,
      reminder: await manualReminderState(this.dataSource.manager, round.id),
    };
  }

  /**
   * One page of the nominations judged in the round, their standing assignments and scorecards, fewest
   * submitted first: the counts come from the assignments and scorecards of the round only (indexed by
   * round), joined to the page's nominations afterwards, so a page never reads the edition's every row twice.
   * The counts name the round's edition (so that only its conflicts are read) and the category asked for.
   */
  async nominations(roundId: string, query: NominationProgressQuery): Promise<Page<NominationProgress>> {
    const { round } = await this.rounds.find(this.dataSource.manager, roundId);
    const params = [round.editionId, statusesJudgedInRound(round.number), query.categoryId ?? null];
    const where = `WHERE n.edition_id = $1 AND n.status = ANY($2::text[]) AND ($3::uuid IS NULL OR n.category_id = $3)`;
    // Named statements: each connection plans them once (planning cost as much as the page's own reads).
    const [rows, counted] = await Promise.all([
      runPrepared<Omit<NominationProgress, 'assignments'>>(
        this.dataSource,
        'progress_nominations_page',
        `WITH counts AS (
           SELECT aa.nomination_id, count(*)::int AS assigned,
                  count(*) FILTER (WHERE s.status = 'draft')::int AS drafted,
                  count(*) FILTER (WHERE s.status = 'submitted')::int AS submitted
             FROM active_assignments aa
             LEFT JOIN scorecard_states s ON s.round_id = aa.round_id AND s.nomination_id = aa.nomination_id AND s.juror_id = aa.juror_id
            WHERE aa.round_id = $4 AND aa.edition_id = $1 AND ($3::uuid IS NULL OR aa.category_id = $3)
            GROUP BY aa.nomination_id)
         SELECT n.id AS "nominationId", n.title, n.category_id AS "categoryId",
                coalesce(c.assigned, 0) AS assigned, coalesce(c.drafted, 0) AS drafted,
                coalesce(c.submitted, 0) AS submitted, coalesce(c.assigned - c.submitted, 0) AS remaining
           FROM contest_entries n LEFT JOIN counts c ON c.nomination_id = n.id
          ${where}
          ORDER BY coalesce(c.submitted, 0), n.title, n.id
          LIMIT $5 OFFSET $6`,
        [...params, round.id, query.pageSize, query.offset],
      ),
      runPrepared<{ n: number }>(
        this.dataSource,
        'progress_nominations_count',
        `SELECT count(*)::int AS n FROM contest_entries n ${where}`,
        params,
      ),
    ]);
    const assignments = rows.length
      ? await runPrepared<AssignmentRow>(
          this.dataSource,
          'progress_nominations_assignments',
          assignmentsSql('a.round_id = $1 AND a.nomination_id = ANY($2::uuid[])', ''),
          [round.id, rows.map((r) => r.nominationId)],
        )
      : [];
    const byNomination = new Map<string, AssignmentView[]>();
    for (const a of assignments)
      byNomination.set(a.nominationId, [...(byNomination.get(a.nominationId) ?? []), toAssignmentView(a)]);
    return page(
      rows.map((r) => ({ ...r, assignments: byNomination.get(r.nominationId) ?? [] })),
      query,
      counted[0]?.n ?? 0,
    );
  }
}
