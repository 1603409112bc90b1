import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Page, page, type PageQuery } from '../../common/http/pagination.js';
import { EditionErrors } from '../editions/editions.errors.js';
import { hasRole, type Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { LocalizedText, Phase } from '../editions/edition.queries.js';
import type { RoundStatus } from '../jury/round-state.js';
import {
  jurorTotal,
  roundHalfAwayFromZero,
  type JurorStatistics,
  type NominationTally,
  type TallyResult,
  type TotalsStatistics,
} from './arithmetic/tally.js';
import { toCsv, type CsvCell } from './csv.js';
import { JurorPseudonyms } from './juror-pseudonyms.js';
import { SnapshotResults } from './snapshot-results.js';
import { findRound, type RoundRow } from '../jury/round-state.js';
import { assertConflictsDecided, plainWeight, TallyInputs } from './tally-inputs.js';
import type { TallyRunStatus } from './entities/tally-run.entity.js';
import { RoundErrors } from '../jury/jury.errors.js';
import {
  editionNominationLabels,
  nominationLabels,
  type NominationLabel,
} from '../nominations/nomination.queries.js';
import { categoryNamesOf, findEdition } from '../editions/edition.queries.js';

export interface RunView {
  id: string;
  status: TallyRunStatus;
  attempts: number;
  error: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface NominationResultView extends NominationTally {
  title: string;
  companyId: string;
  companyName: string;
}

export interface CategoryResultsView {
  categoryId: string;
  code: string;
  name: LocalizedText;
  /** The most recent tally run, whatever its outcome: a failed re-run shows here with its error. */
  latestRun: RunView | null;
  /** The snapshot of the most recent successful run, or null before any. */
  snapshot: {
    id: string;
    runId: string;
    inputsDigest: string;
    algorithm: string;
    scorecards: number;
    createdAt: Date;
  } | null;
  rules: TallyResult['rules'] | null;
  /** The ranking, whole or its first page (`pageSize`). */
  nominations: NominationResultView[];
  /** How many nominations the ranking holds. */
  nominationsTotal: number;
  /** Organisers see juror ids. */
  jurors: JurorStatistics[];
  overall: TotalsStatistics | null;
}

export interface RoundResultsView {
  roundId: string;
  roundNumber: number;
  roundName: string;
  roundStatus: RoundStatus;
  editionId: string;
  editionPhase: Phase;
  categories: CategoryResultsView[];
}

interface LatestRunRow {
  category_id: string;
  id: string;
  status: TallyRunStatus;
  attempts: number;
  error: string | null;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

interface LatestSnapshotRow {
  category_id: string;
  run_id: string;
  id: string;
  inputs_digest: string;
  algorithm: string;
  scorecards: number;
  created_at: Date;
}

/**
 * A round's results for organisers (JSON and CSV) and its scoresheet. Nobody else learns that a round has
 * results: they get 404, as for a round that does not exist; the public reads published results instead.
 */
@Injectable()
export class ResultsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inputs: TallyInputs,
    private readonly pseudonyms: JurorPseudonyms,
    private readonly snapshotResults: SnapshotResults,
  ) {}

  /**
   * Every category's latest tally and run. With `pageSize`, each ranking is its first page (the console
   * pages on with `ranking`); without, whole (the CSV, API clients that read it all).
   */
  async results(
    caller: Caller,
    roundId: string,
    options: { pageSize?: number } = {},
  ): Promise<RoundResultsView> {
    const round = await this.visibleRound(caller, roundId);
    const manager = this.dataSource.manager;
    // The stored snapshot may count scorecards that a late conflict puts in question: not shown until decided.
    await assertConflictsDecided(manager, round.editionId);
    // The round's foreign key guarantees its edition.
    const edition = (await findEdition(manager, round.editionId))!;
    const categories = await categoryNamesOf(manager, round.editionId);
    const runs = await manager.query<LatestRunRow[]>(
      `SELECT DISTINCT ON (category_id) category_id, id, status, attempts, error, requested_at, started_at, finished_at
         FROM tally_runs WHERE round_id = $1 ORDER BY category_id, requested_at DESC, id`,
      [round.id],
    );
    const snapshots = await this.latestSnapshots(manager, round.id);
    const shown = (snapshot: (typeof snapshots)[number] | undefined) =>
      options.pageSize === undefined
        ? (snapshot?.result.nominations ?? [])
        : (snapshot?.result.nominations.slice(0, options.pageSize) ?? []);
    // A snapshot ranks nominations of the round's edition only (its category's): a whole ranking reads the
    // edition's labels in one pass, a first page only its own.
    const nominations = !snapshots.length
      ? new Map<string, NominationLabel>()
      : options.pageSize === undefined
        ? await editionNominationLabels(manager, round.editionId)
        : await nominationLabels(
            manager,
            snapshots.flatMap((s) => shown(s).map((n) => n.nomination)),
          );
    const runOf = new Map(runs.map((r) => [r.category_id, r]));
    const snapshotOf = new Map(snapshots.map((s) => [s.category_id, s]));

    return {
      roundId: round.id,
      roundNumber: round.number,
      roundName: round.name,
      roundStatus: round.status,
      editionId: round.editionId,
      editionPhase: edition.phase,
      categories: categories.map((category): CategoryResultsView => {
        const run = runOf.get(category.id);
        const snapshot = snapshotOf.get(category.id);
        return {
          categoryId: category.id,
          code: category.code,
          name: category.name,
          latestRun: run
            ? {
                id: run.id,
                status: run.status,
                attempts: run.attempts,
                error: run.error,
                requestedAt: run.requested_at,
                startedAt: run.started_at,
                finishedAt: run.finished_at,
              }
            : null,
          snapshot: snapshot
            ? {
                id: snapshot.id,
                runId: snapshot.run_id,
                inputsDigest: snapshot.inputs_digest,
                algorithm: snapshot.algorithm,
                scorecards: snapshot.scorecards,
                createdAt: snapshot.created_at,
              }
            : null,
          rules: snapshot?.result.rules ?? null,
          nominations: shown(snapshot).map((n) => labelled(n, nominations)),
          nominationsTotal: snapshot?.result.nominations.length ?? 0,
          jurors: snapshot?.result.jurors ?? [],
          overall: snapshot?.result.overall ?? null,
        };
      }),
    };
  }

  /** One page of a category's latest ranking, in rank order; an empty page before its first tally. */
  async ranking(
    caller: Caller,
    roundId: string,
    categoryId: string,
    query: PageQuery,
  ): Promise<Page<NominationResultView>> {
    const round = await this.visibleRound(caller, roundId);
    const manager = this.dataSource.manager;
    await assertConflictsDecided(manager, round.editionId);
    const categories = await categoryNamesOf(manager, round.editionId);
    if (!categories.some((c) => c.id === categoryId)) throw new DomainError(EditionErrors.categoryNotFound);
    const snapshot = (await this.latestSnapshots(manager, round.id)).find(
      (s) => s.category_id === categoryId,
    );
    const ranked = snapshot?.result.nominations ?? [];
    const items = ranked.slice(query.offset, query.offset + query.pageSize);
    const labels = await nominationLabels(
      manager,
      items.map((n) => n.nomination),
    );
    return page(
      items.map((n) => labelled(n, labels)),
      query,
      ranked.length,
    );
  }

  /** Each category's snapshot of its latest successful run, with its result (read once per snapshot). */
  private async latestSnapshots(
    manager: EntityManager,
    roundId: string,
  ): Promise<
    (LatestSnapshotRow & { result: Pick<TallyResult, 'nominations' | 'rules' | 'jurors' | 'overall'> })[]
  > {
    const latest = await manager.query<LatestSnapshotRow[]>(
      `SELECT DISTINCT ON (r.category_id) r.category_id, r.id AS run_id, s.id, s.inputs_digest, s.algorithm, s.scorecards, s.created_at
         FROM tally_runs r JOIN tally_snapshots s ON s.id = r.snapshot_id
        WHERE r.round_id = $1 AND r.status = 'succeeded'
        ORDER BY r.category_id, r.finished_at DESC, r.id`,
      [roundId],
    );
    const results = await this.snapshotResults.of(
      manager,
      latest.map((s) => s.id),
    );
    return latest.flatMap((s) => {
      const result = results.get(s.id);
      return result ? [{ ...s, result }] : [];
    });
  }

  /** The results as CSV: one line per nomination and category, ranked first. */
  async resultsCsv(caller: Caller, roundId: string): Promise<string> {
    const results = await this.results(caller, roundId);
    const rows: CsvCell[][] = results.categories.flatMap((category) =>
      category.nominations.map((n) => [
        category.code,
        n.rank,
        n.nomination,
        n.title,
        n.companyName,
        n.score,
        n.scoreExact,
        n.scorecards,
        n.median,
        n.flags.join(' '),
        n.tieBrokenBy,
        category.snapshot?.inputsDigest,
      ]),
    );
    return toCsv(
      [
        'category',
        'rank',
        'nomination_id',
        'title',
        'company',
        'score',
        'score_exact',
        'scorecards',
        'median',
        'flags',
        'tie_broken_by',
        'inputs_digest',
      ],
      rows,
    );
  }

  /**
   * Every counted scorecard of the round as CSV, with the edition's juror pseudonyms (the ones the
   * published manifest uses): a column per criterion code of any category, then the juror total.
   */
  async scoresheetCsv(caller: Caller, roundId: string): Promise<string> {
    const round = await this.visibleRound(caller, roundId);
    const manager = this.dataSource.manager;
    const pseudonym = await this.pseudonyms.forEdition(manager, round.editionId);
    const categories = await manager.query<
      { id: string; code: string; criteria: { code: string; weight: string }[] | null }[]
    >(
      `SELECT c.id, c.code,
              (SELECT json_agg(json_build_object('code', cr.code, 'weight', cr.weight::text) ORDER BY cr.position, cr.code)
                 FROM category_criteria cr WHERE cr.category_id = c.id) AS criteria
         FROM edition_categories c WHERE c.edition_id = $1 ORDER BY c.position, c.code`,
      [round.editionId],
    );
    const codes = [...new Set(categories.flatMap((c) => (c.criteria ?? []).map((cr) => cr.code)))];
    const rows: CsvCell[][] = [];
    for (const category of categories) {
      const criteria = (category.criteria ?? []).map((c) => ({
        code: c.code,
        weight: plainWeight(c.weight),
      }));
      const scorecards = await this.inputs.countedScorecards(manager, round, category.id);
      const nominations = await nominationLabels(
        manager,
        scorecards.map((s) => s.nomination_id),
      );
      scorecards.sort(
        (a, b) =>
          cmp(nominations.get(a.nomination_id)?.title, nominations.get(b.nomination_id)?.title) ||
          cmp(a.nomination_id, b.nomination_id) ||
          cmp(pseudonym(a.juror_id), pseudonym(b.juror_id)),
      );
      for (const card of scorecards) {
        const details = nominations.get(card.nomination_id);
        const total = criteria.length ? jurorTotal(criteria, card.scores) : null;
        rows.push([
          category.code,
          card.nomination_id,
          details?.title,
          details?.companyName,
          pseudonym(card.juror_id),
          ...codes.map((code) => card.scores[code]),
          total === null ? null : roundHalfAwayFromZero(total, 4),
          total === null ? null : roundHalfAwayFromZero(total, 10),
        ]);
      }
    }
    return toCsv(
      ['category', 'nomination_id', 'title', 'company', 'juror', ...codes, 'total', 'total_exact'],
      rows,
    );
  }

  /** Round results are for organisers only; to anyone else the round does not exist (404, not 403). */
  private async visibleRound(caller: Caller, roundId: string): Promise<RoundRow> {
    if (!hasRole(caller, 'organiser')) throw new DomainError(RoundErrors.notFound);
    return findRound(this.dataSource.manager, roundId);
  }
}

/** A ranked nomination with its title and company, as a results table shows it. */
function labelled(n: NominationTally, labels: Map<string, NominationLabel>): NominationResultView {
  const details = labels.get(n.nomination);
  return {
    ...n,
    title: details?.title ?? '',
    companyId: details?.companyId ?? '',
    companyName: details?.companyName ?? '',
  };
}

function cmp(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
