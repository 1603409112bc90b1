import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { at } from '../../common/checked-index.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { NominationTally, TallyInput, TallyResult } from './arithmetic/tally.js';
import { inputsDigest } from './inputs-digest.js';
import { categoriesOf } from '../editions/edition.queries.js';
import { TallyInputs, type RoundRef } from './tally-inputs.js';
import { SnapshotResults } from './snapshot-results.js';
import { TallyErrors } from './tally.errors.js';
import { tallyInputVersion } from './tally-input-version.js';
import { BoundedCache } from '../../common/bounded-cache.js';

/** A category's current snapshot and its ranking: each nomination's rank, in the tally's order. */
export interface CurrentRanking {
  categoryId: string;
  categoryCode: string;
  snapshotId: string;
  inputsDigest: string;
  ranking: Pick<NominationTally, 'nomination' | 'rank'>[];
}

/** A category's current snapshot with everything it was computed from and its whole result. */
export interface CurrentTally extends Omit<CurrentRanking, 'ranking'> {
  input: TallyInput;
  result: TallyResult;
}

/** A category's current snapshot, as a check of the inputs found it. */
interface Checked {
  categoryId: string;
  categoryCode: string;
  inputsDigest: string;
  snapshotId: string;
}

interface Current extends Checked {
  input: TallyInput;
}

/** How a caller learns which snapshots are current. */
export type Currency =
  /** Read and digest the inputs now: what every write (an advance, a publication) acts on. */
  | 'recheck'
  /** Trust the last check of this round while no tally input has changed since (a read-only preview). */
  | 'reuse';

/** Rounds whose last check this process keeps: a few rounds are previewed at a time. */
const CHECKED_ROUNDS = 256;

/**
 * The snapshots that rank what the database holds now: for each category, the snapshot whose inputs
 * digest is that of the current counted scorecards. Advancing and publishing act only on these, so a
 * correction made after the last tally (a conflict, an eligibility decision) can never be skipped.
 */
@Injectable()
export class CurrentTallies {
  /** Each round's last check, under the version of the tally inputs it read (so valid in every process). */
  private readonly checked = new BoundedCache<string, Checked[]>(CHECKED_ROUNDS);

  constructor(
    private readonly inputs: TallyInputs,
    private readonly snapshotResults: SnapshotResults,
  ) {}

  /** One per category of the edition, in display order; 409 `tally.not_current` naming the first stale one. */
  async of(manager: EntityManager, round: RoundRef): Promise<CurrentTally[]> {
    const current = await this.current(manager, round);
    const rows = await manager.query<{ id: string; result: TallyResult }[]>(
      `SELECT id, result FROM tally_snapshots WHERE id = ANY($1::uuid[])`,
      [current.map((c) => c.snapshotId)],
    );
    const results = new Map(rows.map((r) => [r.id, r.result]));
    return current.map((c) => ({ ...c, result: results.get(c.snapshotId)! }));
  }

  /**
   * As `of`, with each nomination's rank only (what a shortlist needs), from the snapshots' results as
   * `SnapshotResults` keeps them: the ranking of a snapshot (which never changes) is read once. With
   * `'reuse'`, so are the current inputs' digests while no tally input changes (`tallyInputVersion`).
   */
  async rankings(
    manager: EntityManager,
    round: RoundRef,
    currency: Currency = 'recheck',
  ): Promise<CurrentRanking[]> {
    const current = await this.checkedOf(manager, round, currency);
    const results = await this.snapshotResults.of(
      manager,
      current.map((c) => c.snapshotId),
    );
    return current.map((c) => ({
      categoryId: c.categoryId,
      categoryCode: c.categoryCode,
      snapshotId: c.snapshotId,
      inputsDigest: c.inputsDigest,
      ranking: results.get(c.snapshotId)!.nominations,
    }));
  }

  /**
   * The current snapshots: rechecked, or with `'reuse'` (a read-only caller: what it has written itself must
   * not be kept) this round's last check while the inputs' version is the same.
   */
  private async checkedOf(manager: EntityManager, round: RoundRef, currency: Currency): Promise<Checked[]> {
    if (currency === 'recheck') return this.current(manager, round);
    // Read before the inputs: a change committed in between makes the version newer than the check, so
    // the check is kept under a version later reads never see again; never the other way round.
    const key = `${round.id} ${await tallyInputVersion(manager)}`;
    const held = this.checked.get(key);
    if (held) return held;
    const checked = (await this.current(manager, round)).map((c): Checked => ({
      categoryId: c.categoryId,
      categoryCode: c.categoryCode,
      inputsDigest: c.inputsDigest,
      snapshotId: c.snapshotId,
    }));
    this.checked.set(key, checked);
    return checked;
  }

  /**
   * Each category's inputs as the database holds them now (read for all categories at once), their digest,
   * and the snapshot of that digest; 409 `tally.not_current` naming the first category without one.
   */
  private async current(manager: EntityManager, round: RoundRef): Promise<Current[]> {
    const categories = await categoriesOf(manager, round.editionId);
    const inputs = await this.inputs.loadMany(
      manager,
      round,
      categories.map((c) => c.id),
    );
    const digests = inputs.map(({ input }) => inputsDigest(input));
    const snapshots = await manager.query<{ category_id: string; id: string }[]>(
      `SELECT s.category_id, s.id
         FROM unnest($2::uuid[], $3::text[]) AS d(category_id, digest)
         JOIN tally_snapshots s ON s.round_id = $1 AND s.category_id = d.category_id AND s.inputs_digest = d.digest::char(64)`,
      [round.id, categories.map((c) => c.id), digests],
    );
    const snapshotOf = new Map(snapshots.map((s) => [s.category_id, s.id]));
    return categories.map((category, i) => {
      const snapshotId = snapshotOf.get(category.id);
      if (!snapshotId) {
        throw new DomainError(
          TallyErrors.notTallied,
          `Category '${category.code}' has no tally of its current scorecards.`,
          {
            roundId: round.id,
            categoryId: category.id,
            categoryCode: category.code,
          },
        );
      }
      return {
        categoryId: category.id,
        categoryCode: category.code,
        input: at(inputs, i).input,
        inputsDigest: at(digests, i),
        snapshotId,
      };
    });
  }
}
