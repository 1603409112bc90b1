import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import type { TallyInput, TallyResult } from './arithmetic/tally.js';
import { inputsDigest } from './inputs-digest.js';
import { categoriesOf } from '../editions/edition.queries.js';
import { TallyInputs, type RoundRef } from './tally-inputs.js';
import { TallyErrors } from './tally.errors.js';

export interface CurrentTally {
  categoryId: string;
  categoryCode: string;
  input: TallyInput;
  snapshotId: string;
  inputsDigest: string;
  result: TallyResult;
}

/**
 * The snapshots that rank what the database holds now: for each category, the snapshot whose inputs
 * digest is that of the current counted scorecards. Advancing and publishing act only on these, so a
 * correction made after the last tally (a conflict, an eligibility decision) can never be skipped.
 */
@Injectable()
export class CurrentTallies {
  constructor(private readonly inputs: TallyInputs) {}

  /** One per category of the edition, in display order; 409 `tally.not_current` naming the first stale one. */
  async of(manager: EntityManager, round: RoundRef): Promise<CurrentTally[]> {
    const tallies: CurrentTally[] = [];
    for (const category of await categoriesOf(manager, round.editionId)) {
      const { input } = await this.inputs.load(manager, round, category.id);
      const digest = inputsDigest(input);
      const [snapshot] = await manager.query<{ id: string; result: TallyResult }[]>(
        `SELECT id, result FROM tally_snapshots WHERE round_id = $1 AND category_id = $2 AND inputs_digest = $3`,
        [round.id, category.id, digest],
      );
      if (!snapshot) {
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
      tallies.push({
        categoryId: category.id,
        categoryCode: category.code,
        input,
        snapshotId: snapshot.id,
        inputsDigest: digest,
        result: snapshot.result,
      });
    }
    return tallies;
  }
}
