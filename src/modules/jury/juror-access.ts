import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { Phase } from '../editions/edition.queries.js';
import type { NominationMetric } from '../nominations/nomination.queries.js';
import { NominationErrors } from '../nominations/nominations.errors.js';
import type { RoundStatus } from './entities/round.entity.js';

/** A nomination as its assigned juror may know it, with the round and edition it is judged in. */
export interface AssignedNomination {
  roundId: string;
  roundNumber: number;
  roundName: string;
  roundStatus: RoundStatus;
  editionId: string;
  editionName: string;
  blind: boolean;
  phase: Phase;
  nominationId: string;
  categoryId: string;
  /** Null for a sample entry (written by an organiser for calibration). */
  companyId: string | null;
  sample: boolean;
  title: string;
  summary: string;
  answers: Record<string, string>;
  metrics: NominationMetric[];
  /** The juror has confirmed their declaration for the edition (terms accepted, conflicts declared). */
  declarationComplete: boolean;
}

/**
 * Which nominations a juror may see, in one place: those assigned to them in a round while the assignment
 * stands (view `active_assignments`: the nomination is admitted and the juror has no conflict of interest
 * with its company). Anything else is answered exactly like an unknown id (404). The nominations module's
 * own routes are closed to jurors by role, so this is the only way a juror reaches a nomination; scoring
 * uses `standsSql` for the same rule inside its single lookup.
 */
@Injectable()
export class JurorAccess {
  /** SQL condition: juror `juror` holds a standing assignment of `nomination` in `round`. */
  static standsSql(round: string, nomination: string, juror: string): string {
    return `EXISTS (SELECT 1 FROM active_assignments aa WHERE aa.round_id = ${round} AND aa.nomination_id = ${nomination} AND aa.juror_id = ${juror})`;
  }

  async findAssigned(
    manager: EntityManager,
    caller: Caller,
    roundId: string,
    nominationId: string,
  ): Promise<AssignedNomination> {
    const rows = await manager.query<AssignedNomination[]>(
      `SELECT r.id AS "roundId", r.number AS "roundNumber", r.name AS "roundName", r.status AS "roundStatus",
              e.id AS "editionId", e.name AS "editionName", e.blind, e.phase,
              n.id AS "nominationId", n.category_id AS "categoryId", n.company_id AS "companyId",
              n.sample, n.title, n.summary, n.answers, n.metrics,
              EXISTS (SELECT 1 FROM conflict_confirmations cc WHERE cc.edition_id = e.id AND cc.juror_id = $3) AS "declarationComplete"
         FROM rounds r
         JOIN edition_settings e ON e.id = r.edition_id
         JOIN nomination_entries n ON n.id = $2
        WHERE r.id = $1 AND ${JurorAccess.standsSql('r.id', 'n.id', '$3')}`,
      [roundId, nominationId, caller.userId],
    );
    const found = rows[0];
    if (!found) throw new DomainError(NominationErrors.notFound);
    return found;
  }
}
