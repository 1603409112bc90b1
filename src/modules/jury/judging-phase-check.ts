import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { categoriesOf } from '../editions/edition.queries.js';
import type { PhaseBlocker, PhaseCheckEdition } from '../editions/phase-checks.js';
import { PhaseChecks } from '../editions/phase-checks.js';
import { categoriesWithNominations } from '../nominations/nomination.queries.js';
import { PanelErrors, RoundErrors } from './jury.errors.js';

/**
 * What judging needs of the jury, registered with the editions' phase checks: a round to score in, and a
 * juror on the panel of every category that has eligible nominations (nobody would be assigned them
 * otherwise). Categories nobody entered need no panel.
 */
@Injectable()
export class JudgingPhaseCheck implements OnModuleInit {
  constructor(private readonly phaseChecks: PhaseChecks) {}

  onModuleInit(): void {
    this.phaseChecks.register({ into: 'judging', check: (manager, edition) => this.check(manager, edition) });
  }

  async check(manager: EntityManager, edition: PhaseCheckEdition): Promise<PhaseBlocker[]> {
    const blockers: PhaseBlocker[] = [];
    const [rounds] = await manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM rounds WHERE edition_id = $1`,
      [edition.id],
    );
    if (!rounds?.count) blockers.push({ error: RoundErrors.noRound, params: {} });

    const entered = new Set(await categoriesWithNominations(manager, edition.id, ['eligible']));
    if (entered.size) {
      const seated = new Set(
        (
          await manager.query<{ categoryId: string }[]>(
            `SELECT DISTINCT category_id AS "categoryId" FROM panel_members WHERE edition_id = $1`,
            [edition.id],
          )
        ).map((row) => row.categoryId),
      );
      const empty = (await categoriesOf(manager, edition.id)).filter(
        (c) => entered.has(c.id) && !seated.has(c.id),
      );
      if (empty.length) {
        const codes = empty.map((c) => c.code).join(', ');
        blockers.push({
          error: PanelErrors.missing,
          detail: `No juror sits on the panel of ${codes}, which has eligible nominations.`,
          params: { count: String(empty.length), categories: codes },
        });
      }
    }
    return blockers;
  }
}
