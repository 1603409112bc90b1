import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../common/auth/roles.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import { Transactions } from '../../../database/transaction.js';
import { AuditLog } from '../../audit/audit.service.js';
import { nominationInEdition } from '../../nominations/nomination.queries.js';
import { NominationErrors } from '../../nominations/nominations.errors.js';
import { AssignmentsService } from '../assignments/assignments.service.js';
import { AssignmentErrors, CalibrationErrors } from '../jury.errors.js';
import { statusesJudgedInRound } from '../jury-rules.js';
import { RoundsService } from '../rounds.service.js';

export interface CalibrationMarked {
  roundId: string;
  nominationId: string;
  categoryId: string;
  /** The panel jurors this marking assigned the entry to (those already assigned and the conflicted left out). */
  assignedJurorIds: string[];
  markedAt: string;
}

/**
 * Marking a nomination as a calibration entry of a round (issue 17): from then on it never competes (view
 * `contest_entries`), and every panel juror of its category without a conflict scores it. Organisers only,
 * while the round's assignments may change (open round, eligibility or judging).
 */
@Injectable()
export class CalibrationService {
  constructor(
    private readonly transactions: Transactions,
    private readonly rounds: RoundsService,
    private readonly assignments: AssignmentsService,
    private readonly audit: AuditLog,
  ) {}

  mark(caller: Caller, roundId: string, nominationId: string): Promise<CalibrationMarked> {
    return this.transactions.run(async (manager) => {
      const context = await this.rounds.find(manager, roundId, { lock: true });
      const { round, edition } = context;
      const nomination = await nominationInEdition(manager, nominationId, edition.id);
      if (!nomination) throw new DomainError(NominationErrors.notFound);
      this.rounds.assertAssignable(context);
      if (!statusesJudgedInRound(round.number).includes(nomination.status)) {
        throw new DomainError(
          AssignmentErrors.nominationNotInRound,
          `The nomination's status is '${nomination.status}'.`,
          { nominationStatus: nomination.status },
        );
      }
      const [inserted] = await manager.query<{ created_at: Date }[]>(
        `INSERT INTO calibration_entries (round_id, nomination_id, created_by) VALUES ($1, $2, $3)
         ON CONFLICT ON CONSTRAINT pk_calibration_entries DO NOTHING RETURNING created_at`,
        [round.id, nomination.id, caller.userId],
      );
      if (!inserted) throw new DomainError(CalibrationErrors.exists);
      const assignedJurorIds = await this.assignments.assignWholePanel(manager, context, nomination);
      await this.audit.append(manager, {
        action: 'calibration_entry.marked',
        entityType: 'round',
        entityId: round.id,
        editionId: edition.id,
        actorId: caller.userId,
        data: { nominationId: nomination.id, categoryId: nomination.categoryId, assignedJurorIds },
      });
      return {
        roundId: round.id,
        nominationId: nomination.id,
        categoryId: nomination.categoryId,
        assignedJurorIds,
        markedAt: inserted.created_at.toISOString(),
      };
    });
  }

  /**
   * The nomination competes again, with every scorecard its jurors submitted. Its assignments stay (a juror's
   * work is never dropped silently); the organiser removes single ones if they want.
   */
  unmark(caller: Caller, roundId: string, nominationId: string): Promise<void> {
    return this.transactions.run(async (manager) => {
      const context = await this.rounds.find(manager, roundId, { lock: true });
      const { round, edition } = context;
      const [removed] = await manager.query<[{ created_by: string }[], number]>(
        `DELETE FROM calibration_entries WHERE round_id = $1 AND nomination_id = $2 RETURNING created_by`,
        [round.id, nominationId],
      );
      if (!removed.length) throw new DomainError(CalibrationErrors.notFound);
      this.rounds.assertAssignable(context);
      await this.audit.append(manager, {
        action: 'calibration_entry.unmarked',
        entityType: 'round',
        entityId: round.id,
        editionId: edition.id,
        actorId: caller.userId,
        data: { nominationId },
      });
    });
  }
}
