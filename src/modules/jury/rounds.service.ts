import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Caller, hasRole } from '../../common/auth/roles.js';
import { Clock } from '../../common/clock.js';
import { CommonErrors, DomainError } from '../../common/errors/domain-error.js';
import {
  type IdempotentOutcome,
  type IdempotentRequest,
  IdempotentRequests,
} from '../../common/http/idempotency.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { type EditionSummary, findEdition, lockEdition } from '../editions/edition.queries.js';
import { assertPhase } from '../editions/edition-rules.js';
import { EditionsService } from '../editions/editions.service.js';
import { EditionErrors } from '../editions/editions.errors.js';
import type { CreateRoundDto, UpdateRoundDto } from './dto/jury.dto.js';
import { Round } from './entities/round.entity.js';
import { RoundErrors } from './jury.errors.js';
import { ReminderScheduler } from './reminders/reminder-scheduler.js';
import { type RoundView, toRoundView } from './views.js';

export interface RoundWithEdition {
  round: Round;
  edition: EditionSummary;
}

@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly editions: EditionsService,
    private readonly reminders: ReminderScheduler,
    private readonly idempotency: IdempotentRequests,
    private readonly clock: Clock,
  ) {}

  /**
   * Renames an open round or moves its deadline. Reminders are planned again from the new deadline in
   * the same transaction; jobs planned for the old one find it changed when they run and do nothing.
   */
  async update(caller: Caller, roundId: string, dto: UpdateRoundDto): Promise<RoundView> {
    return this.transactions.run(async (manager) => {
      const { round } = await this.find(manager, roundId, { lock: true });
      if (round.status === 'closed')
        throw new DomainError(
          RoundErrors.closed,
          `Round ${round.number} closed at ${round.closedAt?.toISOString()}.`,
        );
      const closesAt =
        dto.closesAt === undefined ? round.closesAt : dto.closesAt === null ? null : new Date(dto.closesAt);
      if (closesAt && dto.closesAt !== undefined && closesAt <= this.clock.now()) {
        throw new DomainError(CommonErrors.validation, 'closesAt: must be in the future', {
          errors: [{ field: 'closesAt', messages: ['closesAt must be in the future'] }],
        });
      }
      const before = { name: round.name, closesAt: round.closesAt?.toISOString() ?? null };
      const after = { name: dto.name ?? round.name, closesAt: closesAt?.toISOString() ?? null };
      if (JSON.stringify(before) === JSON.stringify(after)) return toRoundView(round);
      await manager.update(Round, { id: round.id }, { name: after.name, closesAt });
      const updated = await manager.findOneByOrFail(Round, { id: round.id });
      await this.audit.append(manager, {
        action: 'rounds.updated',
        entityType: 'round',
        entityId: round.id,
        editionId: round.editionId,
        actorId: caller.userId,
        data: { before, after },
      });
      if (before.closesAt !== after.closesAt) await this.reminders.schedule(manager, updated);
      return toRoundView(updated);
    });
  }

  /** Organisers see every round; a juror those of editions where they sit on a panel (else the edition is a 404). */
  async list(caller: Caller, editionId: string): Promise<Round[]> {
    const edition = await this.editions.findVisible(caller, editionId);
    if (!hasRole(caller, 'organiser')) {
      const seats = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM panel_members WHERE edition_id = $1 AND juror_id = $2 LIMIT 1`,
        [edition.id, caller.userId],
      );
      if (!seats.length) throw new DomainError(EditionErrors.notFound);
    }
    return this.dataSource
      .getRepository(Round)
      .find({ where: { editionId: edition.id }, order: { number: 'ASC' } });
  }

  /**
   * Rounds are numbered in order of creation; the edition's row lock keeps two at once from taking one
   * number. With an Idempotency-Key, a retried request answers the round it created instead of adding one.
   */
  async create(
    caller: Caller,
    editionId: string,
    dto: CreateRoundDto,
    idempotent: IdempotentRequest | null,
  ): Promise<IdempotentOutcome<RoundView>> {
    return this.idempotency.run(idempotent, { editionId, ...dto }, async (manager) => {
      const edition = await lockEdition(manager, editionId);
      if (!edition) throw new DomainError(EditionErrors.notFound);
      assertPhase(edition, 'draft', 'nominations', 'eligibility', 'judging');
      const [{ next }] = await manager.query<[{ next: number }]>(
        `SELECT coalesce(max(number), 0) + 1 AS next FROM rounds WHERE edition_id = $1`,
        [edition.id],
      );
      const inserted = await manager.insert(Round, {
        editionId: edition.id,
        number: next,
        name: dto.name.trim(),
        closesAt: dto.closesAt ? new Date(dto.closesAt) : null,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await this.audit.append(manager, {
        action: 'round.created',
        entityType: 'round',
        entityId: id,
        editionId: edition.id,
        actorId: caller.userId,
        data: {
          number: next,
          name: dto.name.trim(),
          closesAt: dto.closesAt ? new Date(dto.closesAt).toISOString() : null,
        },
      });
      const round = await manager.findOneByOrFail(Round, { id });
      // Scoring reminders before the deadline, queued with the round (issue 6); call it again wherever closesAt changes.
      await this.reminders.schedule(manager, round);
      return toRoundView(round);
    });
  }

  /** A round and its edition for organiser routes, or 404. `lock` holds the round row until the transaction ends. */
  async find(
    manager: EntityManager,
    roundId: string,
    options: { lock?: boolean } = {},
  ): Promise<RoundWithEdition> {
    const round = await manager.findOne(Round, {
      where: { id: roundId },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!round) throw new DomainError(RoundErrors.notFound);
    const edition = await findEdition(manager, round.editionId);
    if (!edition) throw new DomainError(EditionErrors.notFound);
    return { round, edition };
  }

  /** Assignments change only while the round is open and the jury is being formed or at work. */
  assertAssignable({ round, edition }: RoundWithEdition): void {
    if (round.status === 'closed')
      throw new DomainError(
        RoundErrors.closed,
        `Round ${round.number} closed at ${round.closedAt?.toISOString()}.`,
      );
    assertPhase(edition, 'eligibility', 'judging');
  }
}
