import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { first } from '../../common/checked-index.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { tieBreakersFor } from '../editions/edition-rules.js';
import { pendingLateConflicts } from '../jury/conflict-rules.js';
import { statusesJudgedInRound } from '../jury/jury-rules.js';
import type { TallyInput, TallyScorecard, TieBreaker } from './arithmetic/tally.js';
import { TallyErrors } from './tally.errors.js';

/*
 * What a tally counts (SPEC.md "Tally rules"). The rule itself belongs to the jury module: the view
 * `counted_scorecards` (submitted scorecards whose assignment stands: admitted nomination, juror without a
 * conflict with its company), `statusesJudgedInRound` (the field of a round) and the view `contest_entries`
 * (the nominations that compete: no calibration entry, issue 17). Everything here that needs "the counted
 * scorecards" — the tally job, advances and shortlists, publication and its manifest, the scoresheet export,
 * the benchmark — reads them through `TallyInputs`, so a calibration entry is out of all of them at once.
 */

/** The nominations a round judges: every admitted one in round 1, the advanced ones after. */
export const fieldStatuses = statusesJudgedInRound;

export interface RoundRef {
  id: string;
  editionId: string;
  number: number;
}

export interface CountedScorecardRow {
  nomination_id: string;
  juror_id: string;
  scores: Record<string, number>;
}

/** The inputs of one category's tally in one round, read in one consistent statement each. */
export interface CategoryInputs {
  categoryId: string;
  input: TallyInput;
}

interface RulesRow {
  category_id: string;
  scoring_method: TallyInput['rules']['method'];
  tie_breakers: string[];
  min_scorecards: number;
  criteria: { code: string; weight: string }[] | null;
  nominations: string[] | null;
}

@Injectable()
export class TallyInputs {
  /**
   * The counted scorecards of one category in one round, in the round's field. One statement, rows as plain
   * objects: a category can hold tens of thousands of scorecards.
   */
  async countedScorecards(
    manager: EntityManager,
    round: RoundRef,
    categoryId: string,
  ): Promise<CountedScorecardRow[]> {
    await assertConflictsDecided(manager, round.editionId);
    return this.scorecardRows(manager, round, [categoryId]);
  }

  private scorecardRows(
    manager: EntityManager,
    round: RoundRef,
    categoryIds: readonly string[],
  ): Promise<(CountedScorecardRow & { category_id: string })[]> {
    // The field filter keeps a scorecard on a nomination that did not advance (assigned by hand in a later
    // round) out of that round's tally, as it is out of its field. The edition (the round's own, so no row is
    // lost) lets the planner read the conflicts of this edition only.
    return manager.query<(CountedScorecardRow & { category_id: string })[]>(
      `SELECT cs.category_id, cs.nomination_id, cs.juror_id, cs.scores
         FROM counted_scorecards cs JOIN contest_entries n ON n.id = cs.nomination_id
        WHERE cs.round_id = $1 AND cs.edition_id = $2 AND cs.category_id = ANY($3::uuid[])
          AND n.status = ANY($4::text[])`,
      [round.id, round.editionId, categoryIds, fieldStatuses(round.number)],
    );
  }

  /** Everything `tally()` needs for one category: the edition's rules, the criteria, the field, the scorecards. */
  async load(manager: EntityManager, round: RoundRef, categoryId: string): Promise<CategoryInputs> {
    return first(await this.loadMany(manager, round, [categoryId]));
  }

  /**
   * `load` for several categories of the round at once, in their order: two statements in all (the rules,
   * criteria and fields of every category; the counted scorecards of all of them), where one category at a
   * time would read the round's assignments and conflicts once per category.
   */
  async loadMany(
    manager: EntityManager,
    round: RoundRef,
    categoryIds: readonly string[],
  ): Promise<CategoryInputs[]> {
    await assertConflictsDecided(manager, round.editionId);
    if (!categoryIds.length) return [];
    const statuses = fieldStatuses(round.number);
    // The round's edition exists (rounds reference it), so this returns one row per category.
    const rules = await manager.query<RulesRow[]>(
      `SELECT c.id AS category_id, e.scoring_method, e.tie_breakers, e.min_scorecards,
              (SELECT json_agg(json_build_object('code', cr.code, 'weight', cr.weight::text) ORDER BY cr.code)
                 FROM category_criteria cr WHERE cr.category_id = c.id) AS criteria,
              (SELECT array_agg(n.id::text ORDER BY n.id)
                 FROM contest_entries n WHERE n.category_id = c.id AND n.status = ANY($3::text[])) AS nominations
         FROM edition_ranking_rules e CROSS JOIN unnest($2::uuid[]) AS c(id) WHERE e.id = $1`,
      [round.editionId, categoryIds, statuses],
    );
    const rows = await this.scorecardRows(manager, round, categoryIds);
    const scorecardsOf = new Map<string, TallyScorecard[]>(categoryIds.map((id) => [id, []]));
    for (const row of rows)
      scorecardsOf.get(row.category_id)?.push({
        juror: row.juror_id,
        nomination: row.nomination_id,
        scores: row.scores,
      });
    const rulesOf = new Map(rules.map((r) => [r.category_id, r]));
    return categoryIds.map((categoryId) => {
      const rule = rulesOf.get(categoryId);
      if (!rule) throw new Error(`No ranking rules for category ${categoryId} of round ${round.id}`);
      const criteria = (rule.criteria ?? []).map((c) => ({ code: c.code, weight: plainWeight(c.weight) }));
      return {
        categoryId,
        input: {
          rules: {
            method: rule.scoring_method,
            // An edition-wide criterion tie-breaker applies only where the category has that criterion.
            tieBreakers: tieBreakersFor(
              rule.tie_breakers,
              criteria.map((c) => c.code),
            ) as TieBreaker[],
            minScorecards: rule.min_scorecards,
          },
          criteria,
          nominations: rule.nominations ?? [],
          scorecards: scorecardsOf.get(categoryId) ?? [],
        },
      };
    });
  }
}

/**
 * A conflict that appeared after a juror had scored would take their scorecards out of the counted ones
 * unnoticed (SPEC: only non-conflicted jurors count). Until an organiser confirms or dismisses it, nothing
 * that counts scorecards may run: 409 `tally.conflicts_awaiting_decision`, naming them.
 */
export async function assertConflictsDecided(manager: EntityManager, editionId: string): Promise<void> {
  const pending = await pendingLateConflicts(manager, editionId);
  if (!pending.length) return;
  throw new DomainError(
    TallyErrors.conflictsAwaitingDecision,
    `${pending.length} conflict(s) of interest that appeared after scoring await an organiser's decision.`,
    {
      editionId,
      lateConflicts: pending.map((p) => ({
        id: p.id,
        jurorId: p.jurorId,
        companyId: p.companyId,
        source: p.source,
        scorecards: p.scorecards.length,
      })),
    },
  );
}

/** numeric(9,4) reads as "1.5000": the same weight written without trailing zeros ("1.5"). */
export function plainWeight(weight: string): string {
  return weight.includes('.') ? weight.replace(/\.?0+$/, '') : weight;
}
