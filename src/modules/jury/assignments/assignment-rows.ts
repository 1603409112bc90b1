import type { AssignmentView } from '../views.js';

/** An assignment as `assignmentsSql` reads it (`createdAt` still a Date). */
export type AssignmentRow = Omit<AssignmentView, 'createdAt'> & { createdAt: Date };

export const toAssignmentView = (row: AssignmentRow): AssignmentView => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
});

/**
 * The assignments `where` selects (over `assignments a` joined to `nomination_entries n`), in the order
 * category, nomination, juror, cut by `window` (OFFSET … LIMIT …, or nothing). The rows first, then whether each
 * stands: asked per row (LATERAL … LIMIT 1), the planner looks the page's rows up instead of building the whole
 * round's standing assignments to probe.
 */
export function assignmentsSql(where: string, window: string): string {
  return `WITH p AS (
         SELECT a.round_id, a.nomination_id, a.juror_id, n.category_id, a.created_at
           FROM assignments a
           JOIN nomination_entries n ON n.id = a.nomination_id
          WHERE ${where}
          ORDER BY n.category_id, a.nomination_id, a.juror_id
          ${window})
       SELECT p.round_id AS "roundId", p.nomination_id AS "nominationId", p.juror_id AS "jurorId", p.category_id AS "categoryId",
              standing.yes IS NOT NULL AS active, s.status AS "scorecardStatus", p.created_at AS "createdAt"
         FROM p
         LEFT JOIN LATERAL (
           SELECT true AS yes FROM active_assignments aa
            WHERE aa.round_id = p.round_id AND aa.nomination_id = p.nomination_id AND aa.juror_id = p.juror_id
            LIMIT 1) standing ON true
         LEFT JOIN scorecard_states s ON s.round_id = p.round_id AND s.nomination_id = p.nomination_id AND s.juror_id = p.juror_id
        ORDER BY p.category_id, p.nomination_id, p.juror_id`;
}
