import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { createUser, type SignedIn } from './support/factories.js';
import { addAttachment, createJuryWorld, type JuryWorld } from './support/jury.js';
import { createCompany } from './support/nominations.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;

const COMPANY = 'Zhetysu Secret Rail LLP';
const WEBSITE = 'https://zhetysu-secret-rail.example';
const OWNER = 'Saltanat Hiddenova';
const MEMBER = 'Yerlan Undisclosed';
const FILE = 'zhetysu-secret-annual-report.pdf';
const SECOND_FILE = 'Yerlan CV (Zhetysu).pdf';

interface Blind {
  w: JuryWorld;
  attachments: string[];
  /** Everything that would identify the company to a juror. */
  secrets: string[];
}

async function world(blind: boolean): Promise<Blind> {
  const w = await createJuryWorld(t, { blind, companyName: COMPANY, website: WEBSITE, entrantName: OWNER });
  const member = await createUser(t, { roles: ['entrant'], fullName: MEMBER });
  await t.db.query(`INSERT INTO company_members (company_id, user_id, role) VALUES ($1, $2, 'member')`, [
    w.company.id,
    member.id,
  ]);
  const attachments = [
    await addAttachment(t, w.nominationId, w.entrant.id, FILE),
    await addAttachment(t, w.nominationId, member.id, SECOND_FILE),
  ];
  const secrets = [
    COMPANY,
    WEBSITE,
    'zhetysu-secret-rail',
    OWNER,
    MEMBER,
    w.entrant.email,
    member.email,
    FILE,
    SECOND_FILE,
    w.company.id,
    w.company.registrationNumber,
  ];
  return { w, attachments, secrets };
}

/** The raw bytes of a response as a client receives them, headers included. */
function raw(res: Response): string {
  const body = Buffer.isBuffer(res.body) ? res.body.toString('latin1') : res.text;
  return `${JSON.stringify(res.headers)}\n${body}`;
}

/** The request a response answers, for failure messages. */
function where(res: Response): string {
  const { req } = res as unknown as { req: { method: string; path: string } };
  return `${req.method} ${req.path}`;
}

/** Every request a juror of the edition can make, in an order that exercises each route's success. */
async function everythingAJurorCanReach({ w, attachments }: Blind, juror: SignedIn): Promise<Response[]> {
  const http = () => t.http();
  const scorecard = `/api/v1/rounds/${w.roundId}/scorecards/${w.nominationId}`;
  const otherCompany = await createCompany(t, w.otherEntrant.id);
  const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  };
  return [
    await http().get('/api/v1/auth/me').set(juror.auth),
    await http().get(`/api/v1/editions/${w.edition.id}`).set(juror.auth),
    await http().get(`/api/v1/editions/${w.edition.id}/categories`).set(juror.auth),
    await http().get(`/api/v1/editions/${w.edition.id}/rounds`).set(juror.auth),
    await http().get(`/api/v1/conflicts?editionId=${w.edition.id}`).set(juror.auth),
    await http()
      .post('/api/v1/conflicts')
      .set(juror.auth)
      .send({ editionId: w.edition.id, companyId: otherCompany.id, reason: 'Former employer' }),
    await http().post(`/api/v1/me/declarations/${w.edition.id}/terms`).set(juror.auth),
    await http().post(`/api/v1/editions/${w.edition.id}/conflicts/confirm`).set(juror.auth),
    await http().put('/api/v1/me/employer').set(juror.auth).send({ companyId: null }),
    await http().get('/api/v1/me/assignments').set(juror.auth),
    await http().get(`/api/v1/rounds/${w.roundId}/nominations/${w.nominationId}`).set(juror.auth),
    ...(await Promise.all(
      attachments.map((id) =>
        http()
          .get(`/api/v1/rounds/${w.roundId}/nominations/${w.nominationId}/attachments/${id}`)
          .set(juror.auth)
          .buffer(true)
          .parse(binary),
      ),
    )),
    await http().get(scorecard).set(juror.auth),
    await http()
      .put(scorecard)
      .set(juror.auth)
      .send({ scores: { cost: 4 }, comment: 'Strong corridor' }),
    await http()
      .post(`${scorecard}/submit`)
      .set(juror.auth)
      .send({ scores: { cost: 4, speed: 5, reliability: 6 } }),
    // What the juror cannot reach answers without detail either.
    await http().get(`/api/v1/rounds/${w.roundId}/nominations/${w.otherNominationId}`).set(juror.auth),
    await http().get('/api/v1/companies').set(juror.auth),
    await http().get(`/api/v1/nominations/${w.nominationId}`).set(juror.auth),
    await http().get(`/api/v1/attachments/${attachments[0]}`).set(juror.auth),
    // The nomination as a calibration entry (issue 17): the worklist's badge and the juror's own deviation.
    await t.db
      .query(
        `WITH marked AS (INSERT INTO calibration_entries (round_id, nomination_id, created_by) VALUES ($1, $2, $3))
         UPDATE editions SET calibration_feedback = true WHERE id = $4`,
        [w.roundId, w.nominationId, w.organiser.id, w.edition.id],
      )
      .then(() => http().get('/api/v1/me/assignments').set(juror.auth)),
    await http().get(`/api/v1/me/rounds/${w.roundId}/calibration`).set(juror.auth).expect(200),
  ];
}

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_IP_POINTS: '100000' });
});

afterAll(async () => {
  await t.close();
});

describe('a blind edition', () => {
  it('no response a juror can reach names the company, its website, its members or the original file names', async () => {
    const blind = await world(true);
    const responses = await everythingAJurorCanReach(blind, blind.w.assignedJuror);
    expect(responses.slice(0, 14).map((r) => r.status)).toEqual([
      200, 200, 200, 200, 200, 201, 200, 200, 200, 200, 200, 200, 200, 200,
    ]);
    for (const res of responses) {
      const text = raw(res);
      for (const secret of blind.secrets) {
        if (text.includes(secret))
          throw new Error(`${where(res)} reveals "${secret}": ${text.slice(0, 2000)}`);
      }
    }
  });

  it('shows attachments under generated labels and downloads them under the same names', async () => {
    const { w, attachments } = await world(true);
    const res = await t
      .http()
      .get(`/api/v1/rounds/${w.roundId}/nominations/${w.nominationId}`)
      .set(w.assignedJuror.auth)
      .expect(200);
    expect(res.body.company).toBeNull();
    expect(res.body.blind).toBe(true);
    expect(res.body.attachments.map((a: { id: string; fileName: string }) => [a.id, a.fileName])).toEqual([
      [attachments[0], 'Attachment 1.pdf'],
      [attachments[1], 'Attachment 2.pdf'],
    ]);
    const file = await t
      .http()
      .get(res.body.attachments[1].downloadUrl)
      .set(w.assignedJuror.auth)
      .expect(200);
    expect(file.headers['content-disposition']).toContain('filename="Attachment 2.pdf"');
    expect(file.headers['content-type']).toBe('application/pdf');
  });

  it('a conflicted juror listing their conflicts sees the company id they named, never its name', async () => {
    const { w } = await world(true);
    const res = await t
      .http()
      .get(`/api/v1/conflicts?editionId=${w.edition.id}`)
      .set(w.conflictedJuror.auth)
      .expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ companyId: w.company.id, source: 'declared' }),
    ]);
    expect(res.text).not.toContain(COMPANY);
    // Organisers always see names.
    const organiser = await t
      .http()
      .get(`/api/v1/conflicts?editionId=${w.edition.id}`)
      .set(w.organiser.auth)
      .expect(200);
    expect(organiser.text).toContain(COMPANY);
  });

  it('mails about assignments name no company', async () => {
    const { w } = await world(true);
    await t.http().post(`/api/v1/rounds/${w.roundId}/assignments/default`).set(w.organiser.auth).expect(200);
    const rows = await t.db.query<{ params: string }[]>(
      `SELECT params::text AS params FROM notifications WHERE event = 'jury.assignments' AND recipient_id = $1`,
      [w.unassignedJuror.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.params).not.toContain(COMPANY);
  });
});

describe('an edition that is not blind', () => {
  it('shows jurors the company and the original file names (so the blind test above is not vacuous)', async () => {
    const { w, attachments } = await world(false);
    const res = await t
      .http()
      .get(`/api/v1/rounds/${w.roundId}/nominations/${w.nominationId}`)
      .set(w.assignedJuror.auth)
      .expect(200);
    expect(res.body.company).toEqual({ name: COMPANY, country: 'KZ', website: WEBSITE });
    expect(res.body.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([FILE, SECOND_FILE]);
    const file = await t
      .http()
      .get(`/api/v1/rounds/${w.roundId}/nominations/${w.nominationId}/attachments/${attachments[0]}`)
      .set(w.assignedJuror.auth)
      .expect(200);
    expect(file.headers['content-disposition']).toContain(FILE);
    const list = await t.http().get('/api/v1/me/assignments').set(w.assignedJuror.auth).expect(200);
    expect(list.body.items[0].company.name).toBe(COMPANY);
  });
});
