import { createEdition, type TestEdition } from './editions.js';
import { signIn, type SignedIn } from './factories.js';
import {
  createCompany,
  createNomination,
  type NominationOptions,
  setQuestions,
  type TestCompany,
} from './nominations.js';
import type { TestSmtpServer } from './smtp.js';
import type { TestApp } from './test-app.js';

/**
 * The cast of the nomination tests: a company with an owner (who reads Russian) and a member, a rival
 * entrant with a company of their own, an organiser and a juror, and an edition taking nominations whose
 * first category asks one required and one optional question.
 */
export interface NominationWorld {
  owner: SignedIn;
  member: SignedIn;
  rival: SignedIn;
  organiser: SignedIn;
  juror: SignedIn;
  company: TestCompany;
  rivalCompany: TestCompany;
  edition: TestEdition;
  categoryId: string;
}

export async function createNominationWorld(t: TestApp): Promise<NominationWorld> {
  const [owner, member, rival, organiser, juror] = await Promise.all([
    signIn(t, ['entrant'], { locale: 'ru' }),
    signIn(t, ['entrant']),
    signIn(t, ['entrant']),
    signIn(t, ['organiser']),
    signIn(t, ['juror']),
  ]);
  const company = await createCompany(t, owner.id, { name: 'Caspian Rail Cargo', members: [member.id] });
  const rivalCompany = await createCompany(t, rival.id, { name: 'Rival Freight' });
  const edition = await createEdition(t, {
    categories: { efficiency: { cost: '1', speed: '1' }, sustainability: { emissions: '2', energy: '1' } },
  });
  const categoryId = edition.categories[0]!.id;
  await setQuestions(t, categoryId, [
    { code: 'approach', required: true, maxLength: 500 },
    { code: 'partners', required: false, maxLength: 50 },
  ]);
  return { owner, member, rival, organiser, juror, company, rivalCompany, edition, categoryId };
}

/** A request body for POST /nominations that is complete enough to submit. */
export const completeNomination = (w: NominationWorld, overrides: Record<string, unknown> = {}) => ({
  companyId: w.company.id,
  editionId: w.edition.id,
  categoryId: w.categoryId,
  title: 'Dry port Khorgos: rail instead of road',
  summary: 'We moved 40% of our China–Europe containers from trucks to block trains.',
  answers: { approach: 'Block trains through the Khorgos dry port, gauge change in 47 minutes.' },
  metrics: [
    { name: 'CO2 avoided', value: 12500.5, unit: 't/year' },
    { name: 'Transit time', value: 14, unit: 'days' },
  ],
  ...overrides,
});

/** A draft of the world's company in the world's edition, inserted directly. */
export const draftNomination = (t: TestApp, w: NominationWorld, overrides: Partial<NominationOptions> = {}) =>
  createNomination(t, {
    editionId: w.edition.id,
    categoryId: w.categoryId,
    companyId: w.company.id,
    createdBy: w.owner.id,
    answers: { approach: 'Rail.' },
    ...overrides,
  });

export const nominationStatus = async (t: TestApp, id: string): Promise<string | undefined> =>
  (await t.db.query<{ status: string }[]>(`SELECT status FROM nominations WHERE id = $1`, [id]))[0]?.status;

/** The mails to `email` whose subject contains `about`, once there are at least `count`. */
export async function waitForMailAbout(
  t: TestApp,
  smtp: TestSmtpServer,
  email: string,
  about = '',
  count = 1,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await t.flushOutbox();
    const mails = smtp.to(email).filter((m) => m.subject.includes(about));
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`Expected ${count} mails to ${email}, got ${mails.length}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
