import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Transactions } from '../../database/transaction.js';
import { AuditLog } from '../audit/audit.service.js';
import { usersWithRole } from '../users/user.queries.js';
import { type EditionSummary, lockEdition } from '../editions/edition.queries.js';
import { assertPhase } from '../editions/edition-rules.js';
import { EditionsService } from '../editions/editions.service.js';
import { EditionErrors } from '../editions/editions.errors.js';
import type { AddPanelMembersDto } from './dto/jury.dto.js';
import { PanelErrors } from './jury.errors.js';
import type { PanelView } from './views.js';

/** Panels may change until judging ends; after that they are part of the record. */
const PANEL_PHASES = ['draft', 'nominations', 'eligibility', 'judging'] as const;

@Injectable()
export class PanelsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly editions: EditionsService,
  ) {}

  /** Every category of the edition with its jurors (empty panels included), in the categories' order. */
  async list(caller: Caller, editionId: string): Promise<PanelView[]> {
    const edition = await this.editions.findVisible(caller, editionId);
    return this.panels(this.dataSource.manager, edition.id);
  }

  /** Puts jurors on a category's panel; those already on it stay as they are. */
  async add(caller: Caller, editionId: string, dto: AddPanelMembersDto): Promise<PanelView> {
    return this.transactions.run(async (manager) => {
      const edition = await this.lockEdition(manager, editionId);
      const [category] = await manager.query<{ id: string }[]>(
        `SELECT id FROM edition_categories WHERE id = $1 AND edition_id = $2`,
        [dto.categoryId, edition.id],
      );
      if (!category) throw new DomainError(EditionErrors.categoryNotFound);
      const found = new Set(await usersWithRole(manager, dto.jurorIds, 'juror', { active: true }));
      const refused = dto.jurorIds.filter((id) => !found.has(id));
      if (refused.length) {
        throw new DomainError(PanelErrors.notAJuror, `Not active jurors: ${refused.join(', ')}.`, {
          jurorIds: refused,
          errors: [
            {
              field: 'jurorIds',
              messages: refused.map((id) => `${id} is not an active user with the juror role`),
            },
          ],
        });
      }
      const added = await manager.query<{ juror_id: string }[]>(
        `INSERT INTO panel_members (category_id, juror_id, edition_id)
         SELECT $1, j, $2 FROM unnest($3::uuid[]) AS j
         ON CONFLICT ON CONSTRAINT pk_panel_members DO NOTHING
         RETURNING juror_id`,
        [category.id, edition.id, dto.jurorIds],
      );
      if (added.length) {
        await this.audit.append(manager, {
          action: 'panel.jurors_added',
          entityType: 'category',
          entityId: category.id,
          editionId: edition.id,
          actorId: caller.userId,
          data: { categoryId: category.id, jurorIds: added.map((a) => a.juror_id) },
        });
      }
      return (await this.panels(manager, edition.id, category.id))[0]!;
    });
  }

  /** Takes a juror off a panel; refused while they hold assignments in the category (remove those first, with their audit trail). */
  async remove(caller: Caller, editionId: string, categoryId: string, jurorId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const edition = await this.lockEdition(manager, editionId);
      const [assigned] = await manager.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM assignments a JOIN nomination_entries n ON n.id = a.nomination_id WHERE n.category_id = $1 AND a.juror_id = $2`,
        [categoryId, jurorId],
      );
      if (assigned!.n > 0)
        throw new DomainError(
          PanelErrors.jurorHasAssignments,
          `The juror holds ${assigned!.n} assignment(s) in this category.`,
          { assignments: assigned!.n },
        );
      const [, removed] = await manager.query<[unknown, number]>(
        `DELETE FROM panel_members WHERE category_id = $1 AND juror_id = $2 AND edition_id = $3`,
        [categoryId, jurorId, edition.id],
      );
      if (!removed) throw new DomainError(PanelErrors.notMember);
      await this.audit.append(manager, {
        action: 'panel.juror_removed',
        entityType: 'category',
        entityId: categoryId,
        editionId: edition.id,
        actorId: caller.userId,
        data: { categoryId, jurorId },
      });
    });
  }

  private async lockEdition(manager: EntityManager, editionId: string): Promise<EditionSummary> {
    const edition = await lockEdition(manager, editionId);
    if (!edition) throw new DomainError(EditionErrors.notFound);
    assertPhase(edition, ...PANEL_PHASES);
    return edition;
  }

  private async panels(manager: EntityManager, editionId: string, categoryId?: string): Promise<PanelView[]> {
    const rows = await manager.query<PanelView[]>(
      `SELECT c.id AS "categoryId", c.code AS "categoryCode",
              coalesce(json_agg(json_build_object('id', u.id, 'fullName', u.full_name, 'email', u.email,
                                                  'employerCompanyId', u.employer_company_id, 'addedAt', pm.created_at)
                                ORDER BY u.full_name, u.id) FILTER (WHERE u.id IS NOT NULL), '[]') AS jurors
         FROM edition_categories c
         LEFT JOIN panel_members pm ON pm.category_id = c.id
         LEFT JOIN user_directory u ON u.id = pm.juror_id
        WHERE c.edition_id = $1 AND ($2::uuid IS NULL OR c.id = $2)
        GROUP BY c.id, c.code, c.position
        ORDER BY c.position, c.code`,
      [editionId, categoryId ?? null],
    );
    // json_build_object writes timestamps without the zone designator JavaScript clients expect.
    return rows.map((row) => ({
      ...row,
      jurors: row.jurors.map((j) => ({ ...j, addedAt: new Date(j.addedAt).toISOString() })),
    }));
  }
}
