import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEdition, type TestEdition } from './support/editions.js';
import { signIn, type SignedIn } from './support/factories.js';
import { createCompany, createNomination, type TestCompany } from './support/nominations.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** `GET /editions/{id}/nominations.csv`: the console's export of an edition's nominations (issue 16). */
describe('nominations: the CSV export', () => {
  let t: TestApp;
  let organiser: SignedIn;
  let owner: SignedIn;
  let edition: TestEdition;
  let company: TestCompany;
  let ids: Record<'submitted' | 'ineligible' | 'draft' | 'formula' | 'other', string>;

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await signIn(t, ['organiser']);
    owner = await signIn(t, ['entrant']);
    edition = await createEdition(t, {
      phase: 'eligibility',
      categories: { efficiency: { cost: '1' }, sustainability: { emissions: '1' } },
    });
    company = await createCompany(t, owner.id, { name: 'Steppe Freight, "Ltd"', country: 'KZ' });
    const [first, second] = edition.categories;
    const base = { editionId: edition.id, companyId: company.id, createdBy: owner.id };
    ids = {
      submitted: await createNomination(t, {
        ...base,
        categoryId: first!.id,
        status: 'submitted',
        title: 'Dry port Khorgos',
        summary: 'Line one\nline two, with a comma',
      }),
      ineligible: await createNomination(t, { ...base, categoryId: first!.id, status: 'submitted' }),
      draft: await createNomination(t, { ...base, categoryId: first!.id, status: 'draft', title: 'Unsent' }),
      formula: await createNomination(t, {
        ...base,
        categoryId: second!.id,
        status: 'submitted',
        title: '=HYPERLINK("http://evil.example","click")',
      }),
      other: await createNomination(t, {
        ...base,
        categoryId: second!.id,
        status: 'submitted',
        title: 'Cold chain Almaty',
      }),
    };
    await t.db.query(
      `UPDATE nominations SET status = 'ineligible', ineligibility_reason = '@SUM(A1:A9) is not a reason', eligibility_decided_at = now() WHERE id = $1`,
      [ids.ineligible],
    );
  });
  afterAll(() => t.close());

  const csv = (id: string, query: Record<string, string> = {}, who: SignedIn | null = organiser) => {
    const request = t.http().get(`/api/v1/editions/${id}/nominations.csv`).query(query);
    return who ? request.set(who.auth) : request;
  };
  const lines = (text: string) => text.split('\r\n').filter((line) => line !== '');

  it('answers every submitted nomination as a CSV attachment, quoted and formula-guarded, drafts left out', async () => {
    const res = await csv(edition.id).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="nominations-${edition.id}.csv"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = res.text;
    const [header, ...rows] = lines(text);
    expect(header).toBe(
      'id,title,company,country,category,category_name,status,submitted_at,eligibility_decided_at,ineligibility_reason,attachments,summary',
    );
    // The summary's line break stays inside its quoted cell: four nominations, more than four lines.
    expect(rows.filter((row) => /^[0-9a-f-]{36},/.test(row))).toHaveLength(4);
    expect(text).not.toContain(ids.draft);
    expect(text).toContain(`${ids.submitted},Dry port Khorgos,"Steppe Freight, ""Ltd""",KZ,`);
    expect(text).toContain('"Line one\nline two, with a comma"');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).toContain(',ineligible,');
    expect(text).toContain("'@SUM(A1:A9) is not a reason");
    expect(text).toContain(`,${edition.categories[0]!.code},`);
  });

  it('takes the list’s filters: category, status, company and text', async () => {
    const second = edition.categories[1]!.id;
    const byCategory = lines((await csv(edition.id, { categoryId: second }).expect(200)).text);
    expect(
      byCategory
        .slice(1)
        .map((row) => row.slice(0, 36))
        .sort(),
    ).toEqual([ids.formula, ids.other].sort());
    const drafts = lines((await csv(edition.id, { status: 'draft' }).expect(200)).text);
    expect(drafts.slice(1).map((row) => row.slice(0, 36))).toEqual([ids.draft]);
    const found = lines((await csv(edition.id, { q: 'almaty', companyId: company.id }).expect(200)).text);
    expect(found.slice(1).map((row) => row.slice(0, 36))).toEqual([ids.other]);
    // An edition with none: the header alone.
    const empty = await createEdition(t);
    expect((await csv(empty.id).expect(200)).text).toBe(`${lines((await csv(edition.id)).text)[0]}\r\n`);
  });

  it('refuses 401, 403 (entrants, jurors), 404 (no such edition) and 400 (bad id or filter)', async () => {
    await csv(edition.id, {}, null).expect(401);
    for (const roles of [['entrant'], ['juror']] as const) {
      const caller = await signIn(t, [...roles]);
      expect((await csv(edition.id, {}, caller).expect(403)).body.code).toBe('auth.forbidden');
    }
    expect((await csv(randomUUID()).expect(404)).body.code).toBe('editions.not_found');
    expect((await csv('not-a-uuid').expect(400)).body.code).toBe('request.validation_failed');
    const bad: Record<string, string>[] = [
      { status: 'lost' },
      { categoryId: 'x' },
      { q: '' },
      { sort: 'title' },
    ];
    for (const query of bad) {
      expect((await csv(edition.id, query).expect(400)).body.code).toBe('request.validation_failed');
    }
  });
});
