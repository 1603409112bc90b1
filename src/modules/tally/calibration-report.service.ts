import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasRole, type Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { calibrationEntriesOf, type CalibrationEntryRow } from '../jury/calibration/calibration.queries.js';
import { CalibrationErrors, RoundErrors } from '../jury/jury.errors.js';
import { findRound } from '../jury/round-state.js';
import { plainWeight } from './tally-inputs.js';
import { calibrationStatistics, type JurorCalibrationSummary } from './calibration.js';

export interface CalibrationJurorMarkView {
  jurorId: string;
  fullName: string;
  total: string;
  deviation: string;
}

export interface CalibrationEntryView {
  nominationId: string;
  categoryId: string;
  title: string;
  /** Written by an organiser for calibration only (no company); removable until a juror scores it. */
  sample: boolean;
  markedAt: string;
  /** Standing assignments on the entry, and how many of them are submitted. */
  assigned: number;
  submitted: number;
  median: string | null;
  jurors: CalibrationJurorMarkView[];
}

export interface CalibrationJurorView extends Omit<JurorCalibrationSummary, 'juror'> {
  jurorId: string;
  fullName: string;
}

/** A juror's own calibration: their totals and deviations, never another juror's marks. */
export interface OwnCalibrationView {
  roundId: string;
  entries: { nominationId: string; title: string; total: string; deviation: string }[];
  /** Mean of the deviations: above 0, the juror scores higher than the panel; below, lower. */
  meanDeviation: string;
  meanAbsoluteDeviation: string;
}

export interface RoundCalibrationView {
  roundId: string;
  entries: CalibrationEntryView[];
  jurors: CalibrationJurorView[];
}

interface ScorecardRow {
  nomination_id: string;
  juror_id: string;
  scores: Record<string, number>;
}

/**
 * A round's calibration entries with each juror's total against the panel's median (issue 17), from the
 * counted scorecards on them (view `calibration_scorecards`). Organisers only; to anyone else the round
 * does not exist here (404), as for its results.
 */
@Injectable()
export class CalibrationReport {
  constructor(private readonly dataSource: DataSource) {}

  async forOrganiser(caller: Caller, roundId: string): Promise<RoundCalibrationView> {
    if (!hasRole(caller, 'organiser')) throw new DomainError(RoundErrors.notFound);
    const manager = this.dataSource.manager;
    const round = await findRound(manager, roundId);
    const entries = await calibrationEntriesOf(manager, round.id);
    const counts = await manager.query<{ nomination_id: string; assigned: number; submitted: number }[]>(
      `SELECT nomination_id, count(*)::int AS assigned, count(*) FILTER (WHERE submitted)::int AS submitted
         FROM calibration_assignments WHERE round_id = $1 GROUP BY nomination_id`,
      [round.id],
    );
    const stats = await this.statistics(round.id, entries);
    const names = await this.namesOf(stats.jurorIds);
    const countOf = new Map(counts.map((c) => [c.nomination_id, c]));
    return {
      roundId: round.id,
      entries: entries.map((entry, i) => {
        const computed = stats.entries[i]!;
        return {
          nominationId: entry.nominationId,
          categoryId: entry.categoryId,
          title: entry.title,
          sample: entry.sample,
          markedAt: entry.markedAt.toISOString(),
          assigned: countOf.get(entry.nominationId)?.assigned ?? 0,
          submitted: countOf.get(entry.nominationId)?.submitted ?? 0,
          median: computed.median,
          jurors: computed.jurors.map((j) => ({
            jurorId: j.juror,
            fullName: names.get(j.juror) ?? '',
            total: j.total,
            deviation: j.deviation,
          })),
        };
      }),
      jurors: stats.jurors
        .map(({ juror, ...summary }) => ({ jurorId: juror, fullName: names.get(juror) ?? '', ...summary }))
        .sort((a, b) => a.fullName.localeCompare(b.fullName) || (a.jurorId < b.jurorId ? -1 : 1)),
    };
  }

  /**
   * The juror's own deviation from the panel's median on each calibration entry of the round, once the
   * edition allows it and all the juror's calibration scorecards are submitted. A round in which the juror
   * holds no standing assignment is unknown to them (404), as for their distribution.
   */
  async forJuror(caller: Caller, roundId: string): Promise<OwnCalibrationView> {
    const manager = this.dataSource.manager;
    const [round] = await manager.query<{ id: string; calibration_feedback: boolean }[]>(
      `SELECT aa.round_id AS id, e.calibration_feedback
         FROM active_assignments aa JOIN edition_settings e ON e.id = aa.edition_id
        WHERE aa.round_id = $1 AND aa.juror_id = $2
        LIMIT 1`,
      [roundId, caller.userId],
    );
    if (!round) throw new DomainError(RoundErrors.notFound);
    if (!round.calibration_feedback) throw new DomainError(CalibrationErrors.feedbackOff);
    const mine = await manager.query<{ nomination_id: string; submitted: boolean }[]>(
      `SELECT nomination_id, submitted FROM calibration_assignments WHERE round_id = $1 AND juror_id = $2`,
      [round.id, caller.userId],
    );
    if (!mine.length) throw new DomainError(CalibrationErrors.none);
    const submitted = mine.filter((m) => m.submitted).length;
    if (submitted < mine.length)
      throw new DomainError(CalibrationErrors.incomplete, undefined, { assigned: mine.length, submitted });
    const ids = new Set(mine.map((m) => m.nomination_id));
    const entries = (await calibrationEntriesOf(manager, round.id)).filter((e) => ids.has(e.nominationId));
    const stats = await this.statistics(round.id, entries);
    const own = stats.entries.flatMap((entry, i) => {
      const mark = entry.jurors.find((j) => j.juror === caller.userId);
      return mark
        ? [
            {
              nominationId: entry.nomination,
              title: entries[i]!.title,
              total: mark.total,
              deviation: mark.deviation,
            },
          ]
        : [];
    });
    const summary = stats.jurors.find((j) => j.juror === caller.userId);
    return {
      roundId: round.id,
      entries: own,
      meanDeviation: summary?.meanDeviation ?? '0.0000',
      meanAbsoluteDeviation: summary?.meanAbsoluteDeviation ?? '0.0000',
    };
  }

  /** The statistics of some of the round's calibration entries, over every counted scorecard on them. */
  private async statistics(roundId: string, entries: CalibrationEntryRow[]) {
    const manager = this.dataSource.manager;
    const criteria = await manager.query<{ category_id: string; code: string; weight: string }[]>(
      `SELECT category_id, code, weight::text AS weight FROM category_criteria WHERE category_id = ANY($1::uuid[])`,
      [[...new Set(entries.map((e) => e.categoryId))]],
    );
    const scorecards = await manager.query<ScorecardRow[]>(
      `SELECT nomination_id, juror_id, scores FROM calibration_scorecards
        WHERE round_id = $1 AND nomination_id = ANY($2::uuid[])`,
      [roundId, entries.map((e) => e.nominationId)],
    );
    const stats = calibrationStatistics(
      entries.map((e) => ({
        nomination: e.nominationId,
        criteria: criteria
          .filter((c) => c.category_id === e.categoryId)
          .map((c) => ({ code: c.code, weight: plainWeight(c.weight) })),
      })),
      scorecards.map((s) => ({ nomination: s.nomination_id, juror: s.juror_id, scores: s.scores })),
    );
    return { ...stats, jurorIds: [...new Set(scorecards.map((s) => s.juror_id))] };
  }

  private async namesOf(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<{ id: string; full_name: string }[]>(
      `SELECT id, full_name FROM user_directory WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.full_name]));
  }
}
