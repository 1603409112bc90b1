import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ErrorDefinition } from '../../common/errors/domain-error.js';
import type { Edition, Phase } from './entities/edition.entity.js';

/** Something the edition lacks before it may move to its next phase: the refusal the move would meet. */
export interface PhaseBlocker {
  error: ErrorDefinition;
  detail?: string;
  /** What the organiser needs to know to lift it (counts as decimal strings, dates as ISO strings). */
  params: Record<string, string>;
}

/** What a check is shown of the edition: it reads its own module's tables for the rest. */
export type PhaseCheckEdition = Pick<Edition, 'id' | 'phase' | 'resultsEmbargoUntil'>;

/**
 * One need of a phase, checked by the module that owns the data it is about (nominations: eligibility
 * decisions; jury: rounds and panels). Returns every blocker it finds, none when the need is met.
 */
export interface PhaseCheck {
  /** The phase this check guards the move into. */
  into: Phase;
  check(manager: EntityManager, edition: PhaseCheckEdition): Promise<PhaseBlocker[]>;
}

/**
 * The needs of each phase, registered by the modules that own them (at module init, so editions never
 * imports nor queries them). Checks run in registration order, which is module initialisation order:
 * a module after the modules it depends on (nominations before the jury). The same list in every process,
 * so two instances judge a move alike.
 */
@Injectable()
export class PhaseChecks {
  private readonly checks: PhaseCheck[] = [];

  register(check: PhaseCheck): void {
    this.checks.push(check);
  }

  async blockersFor(
    manager: EntityManager,
    edition: PhaseCheckEdition,
    into: Phase,
  ): Promise<PhaseBlocker[]> {
    const blockers: PhaseBlocker[] = [];
    for (const check of this.checks) {
      if (check.into === into) blockers.push(...(await check.check(manager, edition)));
    }
    return blockers;
  }
}
