import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../../../common/auth/roles.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import { Clock } from '../../../common/clock.js';
import {
  type IdempotentOutcome,
  type IdempotentRequest,
  IdempotentRequests,
} from '../../../common/http/idempotency.js';
import { Transactions } from '../../../database/transaction.js';
import { AuditLog } from '../../audit/audit.service.js';
import { nominationInEdition } from '../../nominations/nomination.queries.js';
import { NominationErrors } from '../../nominations/nominations.errors.js';
import {
  createSampleEntry,
  deleteSampleEntry,
  lockSampleEntry,
  type SampleStatus,
} from '../../nominations/sample-entries.js';
import type { CreateSampleEntryDto } from '../dto/calibration.dto.js';
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

/** A sample entry written for the round: a calibration entry from the start. */
export interface SampleEntryAdded extends CalibrationMarked {
  title: string;
  status: SampleStatus;
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
    private readonly clock: Clock,
    private readonly idempotency: IdempotentRequests,
  ) {}

  mark(caller: Caller, roundId: string, nominationId: string): Promise<CalibrationMarked> {
    return this.transactions.run(async (manager) => {
      const context = await this.rounds.find(manager, roundId, { lock: true });
      const { round, edition } = context;
      const nomination = await nominationInEdition(manager, nominationId, edition.id);
      if (!nomination) throw new DomainError(NominationErrors.notFound);
      // A sample is a calibration entry of the round it was written for, and nothing anywhere else.
      if (nomination.sample)
        throw new DomainError(
          (await this.isMarked(manager, round.id, nomination.id))
            ? CalibrationErrors.exists
            : NominationErrors.notFound,
        );
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
      const [entry] = await manager.query<{ sample: boolean }[]>(
        `SELECT sample FROM nomination_entries WHERE id = $1`,
        [nominationId],
      );
      // Unmarked, a sample would compete (and nobody entered it): it goes only as a whole (removeSample).
      if (entry?.sample) throw new DomainError(CalibrationErrors.sampleStays);
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

  /**
   * Writes a sample entry (issue 17) in a category of the round's edition and marks it as a calibration
   * entry of the round: no company, no entrant; every juror of the category's panel is assigned it (a sample
   * has no company, so no conflict keeps one out). Admitted to the round's field (eligible in a first round,
   * shortlisted after) so that the scoring rules treat it as any entry; it never competes (contest_entries).
   */
  addSample(
    caller: Caller,
    roundId: string,
    dto: CreateSampleEntryDto,
    idempotent: IdempotentRequest | null,
  ): Promise<IdempotentOutcome<SampleEntryAdded>> {
    return this.idempotency.run(idempotent, { roundId, ...dto }, async (manager) => {
      const context = await this.rounds.find(manager, roundId, { lock: true });
      const { round, edition } = context;
      this.rounds.assertAssignable(context);
      const status = statusesJudgedInRound(round.number)[0] as SampleStatus;
      const sample = await createSampleEntry(manager, {
        editionId: edition.id,
        categoryId: dto.categoryId,
        status,
        createdBy: caller.userId,
        at: this.clock.now(),
        content: {
          title: dto.title,
          summary: dto.summary ?? '',
          answers: dto.answers ?? {},
          metrics: dto.metrics ?? [],
        },
      });
      const [marked] = await manager.query<{ created_at: Date }[]>(
        `INSERT INTO calibration_entries (round_id, nomination_id, created_by) VALUES ($1, $2, $3) RETURNING created_at`,
        [round.id, sample.id, caller.userId],
      );
      const assignedJurorIds = await this.assignments.assignWholePanel(manager, context, {
        id: sample.id,
        categoryId: sample.categoryId,
        companyId: null,
      });
      await this.audit.append(manager, {
        action: 'calibration_entry.sample_added',
        entityType: 'round',
        entityId: round.id,
        editionId: edition.id,
        actorId: caller.userId,
        data: {
          nominationId: sample.id,
          categoryId: sample.categoryId,
          title: sample.title,
          assignedJurorIds,
        },
      });
      return {
        roundId: round.id,
        nominationId: sample.id,
        categoryId: sample.categoryId,
        title: sample.title,
        status,
        assignedJurorIds,
        markedAt: marked!.created_at.toISOString(),
      };
    });
  }

  /**
   * Removes a sample entry of the round, with its assignments, while nobody has scored it (a draft counts:
   * a juror's work is never dropped silently). The round's assignments must still be open to change.
   */
  removeSample(caller: Caller, roundId: string, nominationId: string): Promise<void> {
    return this.transactions.run(async (manager) => {
      const context = await this.rounds.find(manager, roundId, { lock: true });
      const { round, edition } = context;
      const sample = await lockSampleEntry(manager, nominationId, edition.id);
      if (!sample || !(await this.isMarked(manager, round.id, sample.id)))
        throw new DomainError(CalibrationErrors.sampleNotFound);
      this.rounds.assertAssignable(context);
      const [{ scorecards }] = await manager.query<[{ scorecards: number }]>(
        `SELECT count(*)::int AS scorecards FROM scorecard_states WHERE nomination_id = $1`,
        [sample.id],
      );
      if (scorecards)
        throw new DomainError(
          CalibrationErrors.sampleScored,
          `${scorecards} scorecard(s) exist on this sample entry.`,
          { scorecards },
        );
      const [, unassigned] = await manager.query<[unknown, number]>(
        `DELETE FROM assignments WHERE nomination_id = $1`,
        [sample.id],
      );
      await manager.query(`DELETE FROM calibration_entries WHERE nomination_id = $1`, [sample.id]);
      await deleteSampleEntry(manager, sample.id);
      await this.audit.append(manager, {
        action: 'calibration_entry.sample_removed',
        entityType: 'round',
        entityId: round.id,
        editionId: edition.id,
        actorId: caller.userId,
        data: { nominationId: sample.id, categoryId: sample.categoryId, title: sample.title, unassigned },
      });
    });
  }

  private async isMarked(manager: EntityManager, roundId: string, nominationId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM calibration_entries WHERE round_id = $1 AND nomination_id = $2`,
      [roundId, nominationId],
    );
    return rows.length > 0;
  }
}
