import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PhaseBlocker, PhaseCheckEdition } from '../editions/phase-checks.js';
import { PhaseChecks } from '../editions/phase-checks.js';
import { nominationCountsByStatus } from './nomination.queries.js';
import { NominationErrors } from './nominations.errors.js';

/**
 * Judging needs every submitted nomination decided: one left `submitted` would be neither judged nor
 * refused, and its company would never hear why. Registered with the editions' phase checks.
 */
@Injectable()
export class EligibilityPhaseCheck implements OnModuleInit {
  constructor(private readonly phaseChecks: PhaseChecks) {}

  onModuleInit(): void {
    this.phaseChecks.register({ into: 'judging', check: (manager, edition) => this.check(manager, edition) });
  }

  async check(manager: EntityManager, edition: PhaseCheckEdition): Promise<PhaseBlocker[]> {
    const undecided =
      (await nominationCountsByStatus(manager, edition.id, ['submitted'])).get('submitted') ?? 0;
    if (!undecided) return [];
    return [
      {
        error: NominationErrors.eligibilityUndecided,
        detail: `${undecided} submitted nomination${undecided === 1 ? ' has' : 's have'} no eligibility decision.`,
        params: { count: String(undecided) },
      },
    ];
  }
}
