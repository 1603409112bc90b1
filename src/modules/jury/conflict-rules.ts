/**
 * The conflict-of-interest rule in SQL, for every query that must respect it (assignments, the juror's
 * view, scoring, the tally). The rule itself is the view `juror_conflicts` (migration Jury): a conflict
 * recorded in the edition (declared by the juror or added by an organiser, not removed), membership of the
 * company, or the juror's declared employer. Nothing else restates it.
 */
export function conflictExists(edition: string, juror: string, company: string): string {
  return `EXISTS (SELECT 1 FROM juror_conflicts jc WHERE jc.edition_id = ${edition} AND jc.juror_id = ${juror} AND jc.company_id = ${company})`;
}
