import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import supertest from 'supertest';
import {
  countRows,
  DEFAULT_PASSWORD,
  login,
  signIn,
  type SignedIn,
  uniqueEmail,
} from './support/factories.js';
import { nthMailTo } from './support/mailbox.js';
import { createEdition } from './support/editions.js';
import { createCompany, createNomination } from './support/nominations.js';
import { TestSmtpServer, tokenFrom } from './support/smtp.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('companies', () => {
  let t: TestApp;
  const smtp = new TestSmtpServer();
  let owner: SignedIn;
  let rival: SignedIn;
  let organiser: SignedIn;
  let juror: SignedIn;

  beforeAll(async () => {
    const url = await smtp.start();
    t = await createTestApp({ SMTP_URL: url });
    [owner, rival, organiser, juror] = await Promise.all([
      signIn(t, ['entrant']),
      signIn(t, ['entrant']),
      signIn(t, ['organiser']),
      signIn(t, ['juror']),
    ]);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const body = (overrides: Record<string, unknown> = {}) => ({
    name: 'Steppe Freight LLP',
    country: 'kz',
    registrationNumber: `BIN ${Math.floor(Math.random() * 1e12)}`,
    website: 'https://steppe-freight.example',
    ...overrides,
  });

  describe('POST /companies', () => {
    it('creates the company with the entrant as its owner, and audits it', async () => {
      const res = await t.http().post('/api/v1/companies').set(owner.auth).send(body()).expect(201);
      expect(res.body).toMatchObject({
        name: 'Steppe Freight LLP',
        country: 'KZ',
        role: 'owner',
        website: 'https://steppe-freight.example',
      });
      expect(res.body.members).toEqual([
        expect.objectContaining({ userId: owner.id, role: 'owner', email: owner.email }),
      ]);
      expect(res.headers.location).toBe(`/api/v1/companies/${res.body.id}`);
      expect(
        await countRows(t, 'audit_log', `action = 'company.created' AND entity_id = $1`, [res.body.id]),
      ).toBe(1);
    });

    it('refuses without a token (401) and for organisers and jurors (403)', async () => {
      const before = await countRows(t, 'companies');
      await t.http().post('/api/v1/companies').send(body()).expect(401);
      await t.http().post('/api/v1/companies').set(organiser.auth).send(body()).expect(403);
      await t.http().post('/api/v1/companies').set(juror.auth).send(body()).expect(403);
      expect(await countRows(t, 'companies')).toBe(before);
    });

    it('refuses a country that is not ISO 3166-1 alpha-2, bad input and unknown fields (400)', async () => {
      const before = await countRows(t, 'companies');
      for (const bad of [
        body({ country: 'XX' }),
        body({ country: 'KAZ' }),
        body({ name: '' }),
        body({ registrationNumber: '<script>' }),
        body({ website: 'javascript:alert(1)' }),
        body({ verified: true }),
      ]) {
        const res = await t.http().post('/api/v1/companies').set(owner.auth).send(bad);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('request.validation_failed');
      }
      expect(await countRows(t, 'companies')).toBe(before);
    });

    it('keeps registration numbers unique within a country, regardless of case (409)', async () => {
      const registrationNumber = 'HRB 4711 B';
      await t
        .http()
        .post('/api/v1/companies')
        .set(owner.auth)
        .send(body({ country: 'DE', registrationNumber }))
        .expect(201);
      const res = await t
        .http()
        .post('/api/v1/companies')
        .set(rival.auth)
        .send(body({ country: 'de', registrationNumber: 'hrb 4711 b' }))
        .expect(409);
      expect(res.body.code).toBe('companies.registration_number_taken');
      // The same number in another country is another company.
      await t
        .http()
        .post('/api/v1/companies')
        .set(rival.auth)
        .send(body({ country: 'AT', registrationNumber }))
        .expect(201);
      expect(await countRows(t, 'companies', `upper(registration_number) = 'HRB 4711 B'`)).toBe(2);
    });

    it('replays a retried request with the same Idempotency-Key and creates one company', async () => {
      const payload = body();
      const key = `company-${Date.now()}`;
      const first = await t
        .http()
        .post('/api/v1/companies')
        .set(owner.auth)
        .set('Idempotency-Key', key)
        .send(payload)
        .expect(201);
      const again = await t
        .http()
        .post('/api/v1/companies')
        .set(owner.auth)
        .set('Idempotency-Key', key)
        .send(payload)
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await countRows(t, 'companies', 'registration_number = $1', [payload.registrationNumber])).toBe(
        1,
      );

      const reused = await t
        .http()
        .post('/api/v1/companies')
        .set(owner.auth)
        .set('Idempotency-Key', key)
        .send(body())
        .expect(409);
      expect(reused.body.code).toBe('request.idempotency_key_reused');
    });

    it('creates one company when the same keyed request arrives several times at once, on two instances', async () => {
      const sibling = await t.sibling();
      const payload = body();
      const key = `parallel-${Date.now()}`;
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? t.http() : supertest(sibling.getHttpServer()))
            .post('/api/v1/companies')
            .set(owner.auth)
            .set('Idempotency-Key', key)
            .send(payload),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await countRows(t, 'companies', 'registration_number = $1', [payload.registrationNumber])).toBe(
        1,
      );
    });

    it('scopes keys to the user: another user with the same key creates their own company', async () => {
      const key = `shared-${Date.now()}`;
      const a = await t
        .http()
        .post('/api/v1/companies')
        .set(owner.auth)
        .set('Idempotency-Key', key)
        .send(body())
        .expect(201);
      const b = await t
        .http()
        .post('/api/v1/companies')
        .set(rival.auth)
        .set('Idempotency-Key', key)
        .send(body())
        .expect(201);
      expect(a.body.id).not.toBe(b.body.id);
    });

    it('refuses a malformed Idempotency-Key (400)', async () => {
      const res = await t
        .http()
        .post('/api/v1/companies')
        .set(owner.auth)
        .set('Idempotency-Key', 'x'.repeat(300))
        .send(body())
        .expect(400);
      expect(res.body.code).toBe('request.validation_failed');
    });
  });

  describe('GET /companies and /companies/{id}', () => {
    it('shows entrants their own companies only, organisers every company, and refuses jurors', async () => {
      const mine = await createCompany(t, owner.id, { name: 'Mine Logistics' });
      const theirs = await createCompany(t, rival.id, { name: 'Rival Logistics' });
      const own = await t.http().get('/api/v1/companies?pageSize=100').set(owner.auth).expect(200);
      const ids = own.body.items.map((c: { id: string }) => c.id);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(theirs.id);
      const all = await t
        .http()
        .get('/api/v1/companies?pageSize=100&q=logistics')
        .set(organiser.auth)
        .expect(200);
      expect(all.body.items.map((c: { id: string }) => c.id)).toEqual(
        expect.arrayContaining([mine.id, theirs.id]),
      );
      await t.http().get('/api/v1/companies').set(juror.auth).expect(403);
      await t.http().get('/api/v1/companies').expect(401);
      await t.http().get('/api/v1/companies?pageSize=1000').set(owner.auth).expect(400);
      await t.http().get('/api/v1/companies?country=XX').set(owner.auth).expect(400);
    });

    it("narrows the list to an edition's participants with editionId, and refuses a bad one", async () => {
      const edition = await createEdition(t);
      const other = await createEdition(t);
      const categoryId = edition.categories[0]!.id;
      const drafting = await createCompany(t, owner.id, { name: 'Drafting Participant Logistics' });
      const submitted = await createCompany(t, rival.id, { name: 'Submitted Participant Logistics' });
      const elsewhere = await createCompany(t, rival.id, { name: 'Elsewhere Participant Logistics' });
      const absent = await createCompany(t, owner.id, { name: 'Absent Participant Logistics' });
      for (const [company, createdBy, status] of [
        [drafting, owner.id, 'draft'],
        [submitted, rival.id, 'submitted'],
        [submitted, rival.id, 'eligible'],
      ] as const)
        await createNomination(t, {
          editionId: edition.id,
          categoryId,
          companyId: company.id,
          createdBy,
          status,
        });
      await createNomination(t, {
        editionId: other.id,
        categoryId: other.categories[0]!.id,
        companyId: elsewhere.id,
        createdBy: rival.id,
        status: 'submitted',
      });
      const list = async (auth: Record<string, string>, query: string) =>
        (await t.http().get(`/api/v1/companies?${query}`).set(auth).expect(200)).body as {
          items: { id: string }[];
          total: number;
        };
      const participants = await list(organiser.auth, `editionId=${edition.id}&pageSize=100`);
      // Each company once, however many nominations it has; drafts take part too.
      expect(participants.items.map((c) => c.id).sort()).toEqual([drafting.id, submitted.id].sort());
      expect(participants.total).toBe(2);
      const searched = await list(organiser.auth, `editionId=${edition.id}&q=submitted`);
      expect(searched.items.map((c) => c.id)).toEqual([submitted.id]);
      const everyCompany = await list(organiser.auth, 'pageSize=100&q=participant');
      expect(everyCompany.items.map((c) => c.id)).toEqual(expect.arrayContaining([absent.id, elsewhere.id]));
      // An entrant sees only their own companies, in the edition too.
      const own = await list(owner.auth, `editionId=${edition.id}`);
      expect(own.items.map((c) => c.id)).toEqual([drafting.id]);
      const bad = await t.http().get('/api/v1/companies?editionId=nope').set(organiser.auth).expect(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.body.errors[0].field).toBe('editionId');
      const unknown = await list(organiser.auth, 'editionId=00000000-0000-4000-8000-000000000000');
      expect(unknown).toMatchObject({ items: [], total: 0 });
      await t.http().get(`/api/v1/companies?editionId=${edition.id}`).set(juror.auth).expect(403);
      await t.http().get(`/api/v1/companies?editionId=${edition.id}`).expect(401);
    });

    it("shows a company's private details to members and organisers; anyone else gets 404", async () => {
      const member = await signIn(t, ['entrant']);
      const company = await createCompany(t, owner.id, { members: [member.id] });
      const asMember = await t.http().get(`/api/v1/companies/${company.id}`).set(member.auth).expect(200);
      expect(asMember.body).toMatchObject({ registrationNumber: company.registrationNumber, role: 'member' });
      expect(asMember.body.members).toHaveLength(2);
      const asOrganiser = await t
        .http()
        .get(`/api/v1/companies/${company.id}`)
        .set(organiser.auth)
        .expect(200);
      expect(asOrganiser.body.role).toBeNull();
      const hidden = await t.http().get(`/api/v1/companies/${company.id}`).set(rival.auth).expect(404);
      expect(hidden.body.code).toBe('companies.not_found');
      expect(JSON.stringify(hidden.body)).not.toContain(company.registrationNumber);
      await t
        .http()
        .get(`/api/v1/companies/00000000-0000-4000-8000-000000000000`)
        .set(owner.auth)
        .expect(404);
      await t.http().get(`/api/v1/companies/${company.id}`).set(juror.auth).expect(403);
      await t.http().get(`/api/v1/companies/${company.id}`).expect(401);
      await t.http().get(`/api/v1/companies/not-a-uuid`).set(owner.auth).expect(400);
    });
  });

  describe('PATCH /companies/{id}', () => {
    it('lets owners and organisers change the company, audited', async () => {
      const company = await createCompany(t, owner.id);
      const res = await t
        .http()
        .patch(`/api/v1/companies/${company.id}`)
        .set(owner.auth)
        .send({ name: 'Renamed LLP', website: null })
        .expect(200);
      expect(res.body).toMatchObject({ name: 'Renamed LLP', website: null, version: 2 });
      await t
        .http()
        .patch(`/api/v1/companies/${company.id}`)
        .set(organiser.auth)
        .send({ country: 'uz' })
        .expect(200);
      expect(
        await countRows(t, 'audit_log', `action = 'company.updated' AND entity_id = $1`, [company.id]),
      ).toBe(2);
    });

    it('refuses members who are not owners (403), other entrants (404) and jurors (403), changing nothing', async () => {
      const member = await signIn(t, ['entrant']);
      const company = await createCompany(t, owner.id, { name: 'Unchanged LLP', members: [member.id] });
      expect(
        (
          await t
            .http()
            .patch(`/api/v1/companies/${company.id}`)
            .set(member.auth)
            .send({ name: 'X' })
            .expect(403)
        ).body.code,
      ).toBe('companies.owner_only');
      await t.http().patch(`/api/v1/companies/${company.id}`).set(rival.auth).send({ name: 'X' }).expect(404);
      await t.http().patch(`/api/v1/companies/${company.id}`).set(juror.auth).send({ name: 'X' }).expect(403);
      await t.http().patch(`/api/v1/companies/${company.id}`).send({ name: 'X' }).expect(401);
      await t
        .http()
        .patch(`/api/v1/companies/${company.id}`)
        .set(owner.auth)
        .send({ name: 'X', createdBy: rival.id })
        .expect(400);
      await t
        .http()
        .patch(`/api/v1/companies/${company.id}`)
        .set(owner.auth)
        .send({ country: 'ZZ' })
        .expect(400);
      expect(
        await countRows(t, 'companies', `id = $1 AND name = 'Unchanged LLP' AND version = 1`, [company.id]),
      ).toBe(1);
    });

    it('refuses a registration number another company of the country holds (409)', async () => {
      const a = await createCompany(t, owner.id, { country: 'KG' });
      const b = await createCompany(t, owner.id, { country: 'KG' });
      const res = await t
        .http()
        .patch(`/api/v1/companies/${b.id}`)
        .set(owner.auth)
        .send({ registrationNumber: a.registrationNumber.toLowerCase() })
        .expect(409);
      expect(res.body.code).toBe('companies.registration_number_taken');
    });
  });

  describe('members', () => {
    it('invites an existing account (202): nobody joins without accepting, and nothing of the account shows', async () => {
      const colleague = await signIn(t, ['entrant'], { fullName: 'Secret Colleague Name' });
      const company = await createCompany(t, owner.id, { name: 'Consent LLP' });
      const res = await t
        .http()
        .post(`/api/v1/companies/${company.id}/members`)
        .set(owner.auth)
        .send({ email: colleague.email.toUpperCase() })
        .expect(202);
      expect(res.body).toEqual({
        status: 'invited',
        invitation: {
          id: expect.any(String),
          email: colleague.email,
          role: 'member',
          expiresAt: expect.any(String),
        },
      });
      expect(JSON.stringify(res.body)).not.toContain(colleague.id);
      expect(JSON.stringify(res.body)).not.toContain('Secret Colleague Name');
      // Not a member: the company stays invisible to them, and no membership row exists.
      await t.http().get(`/api/v1/companies/${company.id}`).set(colleague.auth).expect(404);
      expect(
        await countRows(t, 'company_members', 'company_id = $1 AND user_id = $2', [company.id, colleague.id]),
      ).toBe(0);
      expect(await countRows(t, 'audit_log', `action = 'company.member_added'`)).toBe(0);

      // The mail goes to the account's address; accepting, signed in as that account, makes them a member.
      const token = tokenFrom(await nthMailTo(t, smtp, colleague.email, 1));
      const joined = await t
        .http()
        .post('/api/v1/companies/invitations/accept')
        .set(colleague.auth)
        .send({ token })
        .expect(200);
      expect(joined.body).toMatchObject({ id: company.id, role: 'member' });
      expect(
        (
          await t
            .http()
            .post(`/api/v1/companies/${company.id}/members`)
            .set(owner.auth)
            .send({ email: colleague.email })
            .expect(409)
        ).body.code,
      ).toBe('companies.already_member');
    });

    it('answers byte for byte the same whether or not the address has an account (ids and dates aside)', async () => {
      const holder = await signIn(t, ['organiser'], { fullName: 'Organiser With An Account' });
      const company = await createCompany(t, owner.id);
      const nobody = uniqueEmail('nobody');
      const send = (email: string) =>
        t.http().post(`/api/v1/companies/${company.id}/members`).set(owner.auth).send({ email });
      const [withAccount, without] = [await send(holder.email), await send(nobody)];
      const normalise = (response: supertest.Response, email: string) => ({
        status: response.status,
        contentType: response.headers['content-type'],
        headers: Object.keys(response.headers)
          .filter((h) => !['date', 'x-request-id', 'content-length'].includes(h))
          .sort(),
        body: response.text
          .replace(email, '<email>')
          .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
          .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<date>'),
        length: response.text.length - email.length,
      });
      expect(normalise(withAccount, holder.email)).toEqual(normalise(without, nobody));
      expect(withAccount.status).toBe(202);
      expect(withAccount.text).not.toContain(holder.id);
      expect(withAccount.text).not.toContain('Organiser With An Account');
      expect(await countRows(t, 'company_members', 'company_id = $1', [company.id])).toBe(1);
    });

    it('refuses non-owners (403), other entrants (404), organisers and jurors (403), and bad input (400)', async () => {
      const member = await signIn(t, ['entrant']);
      const company = await createCompany(t, owner.id, { members: [member.id] });
      const target = uniqueEmail('target');
      await t
        .http()
        .post(`/api/v1/companies/${company.id}/members`)
        .set(member.auth)
        .send({ email: target })
        .expect(403);
      await t
        .http()
        .post(`/api/v1/companies/${company.id}/members`)
        .set(rival.auth)
        .send({ email: target })
        .expect(404);
      await t
        .http()
        .post(`/api/v1/companies/${company.id}/members`)
        .set(organiser.auth)
        .send({ email: target })
        .expect(403);
      await t
        .http()
        .post(`/api/v1/companies/${company.id}/members`)
        .set(juror.auth)
        .send({ email: target })
        .expect(403);
      await t.http().post(`/api/v1/companies/${company.id}/members`).send({ email: target }).expect(401);
      await t
        .http()
        .post(`/api/v1/companies/${company.id}/members`)
        .set(owner.auth)
        .send({ email: 'not-an-email' })
        .expect(400);
      await t
        .http()
        .post(`/api/v1/companies/${company.id}/members`)
        .set(owner.auth)
        .send({ email: target, role: 'admin' })
        .expect(400);
      await t
        .http()
        .post(`/api/v1/companies/${company.id}/members`)
        .set(owner.auth)
        .send({ email: target, userId: rival.id })
        .expect(400);
      expect(await countRows(t, 'company_members', 'company_id = $1', [company.id])).toBe(2);
      expect(await countRows(t, 'company_invitations', 'email = $1', [target])).toBe(0);
    });

    it('invites an e-mail without an account (202); after registering, that user joins with the mailed token', async () => {
      const company = await createCompany(t, owner.id, { name: 'Invite & Co' });
      const email = uniqueEmail('newcomer');
      const res = await t
        .http()
        .post(`/api/v1/companies/${company.id}/members`)
        .set(owner.auth)
        .send({ email, locale: 'de' })
        .expect(202);
      expect(res.body).toMatchObject({ status: 'invited', invitation: { email, role: 'member' } });
      await t.flushOutbox();
      await waitForMail(smtp, email);
      const mail = smtp.to(email)[0]!;
      expect(mail.subject).toContain('Invite & Co');
      expect(mail.text).toContain('Dem Unternehmen beitreten');
      expect(mail.html).toContain('Invite &amp; Co');
      const token = tokenFrom(mail);

      // Someone else, signed in, cannot use the token.
      expect(
        (
          await t
            .http()
            .post('/api/v1/companies/invitations/accept')
            .set(rival.auth)
            .send({ token })
            .expect(400)
        ).body.code,
      ).toBe('companies.invalid_invitation');
      expect(
        await countRows(t, 'company_members', 'company_id = $1 AND user_id = $2', [company.id, rival.id]),
      ).toBe(0);

      await t
        .http()
        .post('/api/v1/auth/register')
        .send({ email, password: DEFAULT_PASSWORD, fullName: 'New Comer' })
        .expect(201);
      const { token: access } = await login(t, email);
      const joined = await t
        .http()
        .post('/api/v1/companies/invitations/accept')
        .set({ Authorization: `Bearer ${access}` })
        .send({ token })
        .expect(200);
      expect(joined.body).toMatchObject({ id: company.id, role: 'member' });
      // The mailed token proved the address: the account registered through the link is verified by it.
      const [verified] = await t.db.query<{ email_verified_at: Date | null }[]>(
        `SELECT email_verified_at FROM users WHERE email = $1`,
        [email],
      );
      expect(verified!.email_verified_at).not.toBeNull();
      // Spent.
      await t
        .http()
        .post('/api/v1/companies/invitations/accept')
        .set({ Authorization: `Bearer ${access}` })
        .send({ token })
        .expect(400);
      await t.http().post('/api/v1/companies/invitations/accept').send({ token }).expect(401);
      expect(
        await countRows(
          t,
          'audit_log',
          `action IN ('company.member_invited', 'company.invitation_accepted') AND entity_id = $1`,
          [company.id],
        ),
      ).toBe(2);
    });

    it('lets owners remove members and members leave; keeps the last owner (409)', async () => {
      const [a, b] = await Promise.all([signIn(t, ['entrant']), signIn(t, ['entrant'])]);
      const company = await createCompany(t, owner.id, { members: [a.id, b.id] });
      await t.http().delete(`/api/v1/companies/${company.id}/members/${b.id}`).set(a.auth).expect(403);
      await t.http().delete(`/api/v1/companies/${company.id}/members/${b.id}`).set(rival.auth).expect(404);
      await t
        .http()
        .delete(`/api/v1/companies/${company.id}/members/${b.id}`)
        .set(organiser.auth)
        .expect(403);
      await t.http().delete(`/api/v1/companies/${company.id}/members/${b.id}`).expect(401);
      expect(await countRows(t, 'company_members', 'company_id = $1', [company.id])).toBe(3);

      await t.http().delete(`/api/v1/companies/${company.id}/members/${b.id}`).set(owner.auth).expect(204);
      await t.http().delete(`/api/v1/companies/${company.id}/members/${a.id}`).set(a.auth).expect(204);
      await t.http().get(`/api/v1/companies/${company.id}`).set(a.auth).expect(404);
      expect(
        (
          await t
            .http()
            .delete(`/api/v1/companies/${company.id}/members/${owner.id}`)
            .set(owner.auth)
            .expect(409)
        ).body.code,
      ).toBe('companies.last_owner');
      await t
        .http()
        .delete(`/api/v1/companies/${company.id}/members/${rival.id}`)
        .set(owner.auth)
        .expect(404);
      expect(await countRows(t, 'company_members', 'company_id = $1', [company.id])).toBe(1);
      expect(
        await countRows(t, 'audit_log', `action = 'company.member_removed' AND entity_id = $1`, [company.id]),
      ).toBe(2);
    });

    it('never lets two owners remove each other at once: one owner stays', async () => {
      const other = await signIn(t, ['entrant']);
      const company = await createCompany(t, owner.id);
      await t.db.query(`INSERT INTO company_members (company_id, user_id, role) VALUES ($1, $2, 'owner')`, [
        company.id,
        other.id,
      ]);
      const results = await Promise.all([
        t.http().delete(`/api/v1/companies/${company.id}/members/${other.id}`).set(owner.auth),
        t.http().delete(`/api/v1/companies/${company.id}/members/${owner.id}`).set(other.auth),
      ]);
      // The second request finds either the last owner (409) or, removed already, no such member (404).
      const statuses = results.map((r) => r.status).sort();
      expect(statuses[0]).toBe(204);
      expect([404, 409]).toContain(statuses[1]);
      expect(await countRows(t, 'company_members', `company_id = $1 AND role = 'owner'`, [company.id])).toBe(
        1,
      );
    });
  });
});

describe('company invitations are rate-limited per company and per inviter', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ COMPANY_INVITATIONS_PER_WINDOW: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After over the limit, and records nothing', async () => {
    const [first, second] = await Promise.all([signIn(t, ['entrant']), signIn(t, ['entrant'])]);
    const company = await createCompany(t, first.id);
    await t.db.query(`INSERT INTO company_members (company_id, user_id, role) VALUES ($1, $2, 'owner')`, [
      company.id,
      second.id,
    ]);
    const invite = (who: SignedIn, companyId: string) =>
      t
        .http()
        .post(`/api/v1/companies/${companyId}/members`)
        .set(who.auth)
        .send({ email: uniqueEmail('flood') });
    for (let i = 0; i < 3; i++) await invite(first, company.id).expect(202);
    const before = await countRows(t, 'company_invitations');
    // The company's allowance is spent, whoever of its owners sends.
    for (const who of [first, second]) {
      const refused = await invite(who, company.id).expect(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.code).toBe('companies.too_many_invitations');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // The inviter's allowance too, in another company of theirs.
    const other = await createCompany(t, first.id);
    expect((await invite(first, other.id).expect(429)).body.code).toBe('companies.too_many_invitations');
    expect(await countRows(t, 'company_invitations')).toBe(before);
    expect(await countRows(t, 'notifications', `event = 'company.member_invitation'`)).toBe(3);
  });
});

async function waitForMail(smtp: TestSmtpServer, email: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!smtp.to(email).length) {
    if (Date.now() > deadline) throw new Error(`No mail to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
