import { addAttachment, assign, createJuryWorld, type JuryWorld } from '../../support/jury.js';
import { setQuestions } from '../../support/nominations.js';
import type { TestApp } from '../../support/test-app.js';

/**
 * A juror's judging world for the browser: an edition in judging with an open round, two nominations
 * assigned to the juror (conflicts confirmed), the first with an answered question and a PDF attachment.
 * Its category has three criteria: `cost` and `speed` on the default 0–10 scale (radios), `reliability`
 * on 0–20 (a number field).
 */
export interface JurorWorld extends JuryWorld {
  attachmentId: string;
  /** The juror's two nominations in the worklist's order (by title). */
  first: { id: string; title: string };
  second: { id: string; title: string };
}

export async function createJurorWorld(
  t: TestApp,
  options: { blind?: boolean } = {},
): Promise<JurorWorld> {
  const world = await createJuryWorld(t, { blind: options.blind ?? false, companyName: 'Caspian Rail Cargo' });
  await setQuestions(t, world.categoryId, [{ code: 'approach', required: true, maxLength: 500 }]);
  await t.db.query(`UPDATE nominations SET title = $2, answers = $3::jsonb WHERE id = $1`, [
    world.nominationId,
    'A Khorgos dry port: rail instead of road',
    JSON.stringify({ approach: 'Block trains through the Khorgos dry port, gauge change in 47 minutes.' }),
  ]);
  await t.db.query(`UPDATE nominations SET title = $2 WHERE id = $1`, [
    world.otherNominationId,
    'B Aktau ferry corridor',
  ]);
  await t.db.query(`UPDATE criteria SET scale_max = 20 WHERE category_id = $1 AND code = 'reliability'`, [
    world.categoryId,
  ]);
  await assign(t, world.roundId, world.otherNominationId, world.assignedJuror.id);
  const attachmentId = await addAttachment(t, world.nominationId, world.entrant.id, 'khorgos-report.pdf');
  return {
    ...world,
    attachmentId,
    first: { id: world.nominationId, title: 'A Khorgos dry port: rail instead of road' },
    second: { id: world.otherNominationId, title: 'B Aktau ferry corridor' },
  };
}

/** The juror's scorecard as the server has it. */
export async function serverScorecard(
  t: TestApp,
  world: JuryWorld,
  nominationId: string,
): Promise<{ status: string; scores: Record<string, number>; comment: string | null; version: number }> {
  const [row] = await t.db.query<
    { status: string; scores: Record<string, number>; comment: string | null; version: number }[]
  >(
    `SELECT status, scores, comment, version FROM scorecards WHERE round_id = $1 AND nomination_id = $2 AND juror_id = $3`,
    [world.roundId, nominationId, world.assignedJuror.id],
  );
  return row ?? { status: 'none', scores: {}, comment: null, version: 0 };
}

/** The organiser closes the round through the API (which also starts its tally). */
export async function closeRound(t: TestApp, world: JuryWorld): Promise<void> {
  const response = await t.http().post(`/api/v1/rounds/${world.roundId}/close`).set(world.organiser.auth);
  if (response.status >= 300)
    throw new Error(`closing the round failed: ${response.status} ${JSON.stringify(response.body)}`);
}
