import type { Locale } from '../../../common/auth/roles.js';
import { compose, type ComposedMail } from './compose.js';
import type { Formatter } from './format.js';

type Template<P> = Record<Locale, (params: P, format: Formatter) => ComposedMail>;

/** A juror behind on one round. No titles or companies: the mail must not undo a blind edition. */
export interface ScoringReminderParams {
  name: string;
  editionName: string;
  roundName: string;
  /** Assigned nominations without a submitted scorecard. */
  remaining: number;
  closesAt: string;
  link: string;
  /** Signed, per user: stops scoring reminders (and only those). */
  unsubscribeUrl: string;
}

/**
 * Mail clients offer their own "unsubscribe" button from these headers and, per RFC 8058, post
 * `List-Unsubscribe=One-Click` to the signed link (opening it only asks).
 */
const unsubscribable = (mail: ComposedMail, p: ScoringReminderParams): ComposedMail => ({
  ...mail,
  headers: {
    'List-Unsubscribe': `<${p.unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
});

export const scoringReminder: Template<ScoringReminderParams> = {
  en: (p, f) =>
    unsubscribable(
      compose('en', {
        subject: `Reminder: ${f.number(p.remaining)} scorecard(s) to submit in ${p.roundName}`,
        greeting: `Hello ${p.name},`,
        paragraphs: [
          `The round "${p.roundName}" of ${p.editionName} closes on ${f.dateTime(p.closesAt)}.`,
          `You still have ${f.number(p.remaining)} nomination(s) without a submitted scorecard. Scorecards not submitted by then do not count.`,
        ],
        action: { label: 'Open your worklist', url: p.link },
        footer: 'You receive this because you are behind in this round.',
        footerLink: { label: 'Stop scoring reminders', url: p.unsubscribeUrl },
      }),
      p,
    ),
  ru: (p, f) =>
    unsubscribable(
      compose('ru', {
        subject: `Напоминание: оценочных листов к отправке — ${f.number(p.remaining)} (${p.roundName})`,
        greeting: `Здравствуйте, ${p.name}!`,
        paragraphs: [
          `Тур «${p.roundName}» конкурса ${p.editionName} закрывается ${f.dateTime(p.closesAt)}.`,
          `Номинаций без отправленного оценочного листа: ${f.number(p.remaining)}. Листы, не отправленные до этого срока, не учитываются.`,
        ],
        action: { label: 'Открыть список', url: p.link },
        footer: 'Вы получили это письмо, потому что в этом туре у вас остались неотправленные оценки.',
        footerLink: { label: 'Отказаться от напоминаний', url: p.unsubscribeUrl },
      }),
      p,
    ),
  kk: (p, f) =>
    unsubscribable(
      compose('kk', {
        subject: `Еске салу: жіберілетін бағалау парақтары — ${f.number(p.remaining)} (${p.roundName})`,
        greeting: `Сәлеметсіз бе, ${p.name}!`,
        paragraphs: [
          `${p.editionName} байқауының «${p.roundName}» кезеңі ${f.dateTime(p.closesAt)} жабылады.`,
          `Бағалау парағы жіберілмеген номинациялар: ${f.number(p.remaining)}. Осы мерзімге дейін жіберілмеген парақтар есепке алынбайды.`,
        ],
        action: { label: 'Тізімді ашу', url: p.link },
        footer: 'Бұл хат сізге осы кезеңде жіберілмеген бағалауларыңыз болғандықтан келді.',
        footerLink: { label: 'Еске салулардан бас тарту', url: p.unsubscribeUrl },
      }),
      p,
    ),
  de: (p, f) =>
    unsubscribable(
      compose('de', {
        subject: `Erinnerung: ${f.number(p.remaining)} Bewertung(en) in ${p.roundName} einzureichen`,
        greeting: `Guten Tag ${p.name},`,
        paragraphs: [
          `die Runde „${p.roundName}“ der ${p.editionName} schließt am ${f.dateTime(p.closesAt)}.`,
          `Für ${f.number(p.remaining)} Nominierung(en) haben Sie noch keine Bewertung eingereicht. Bis dahin nicht eingereichte Bewertungen zählen nicht.`,
        ],
        action: { label: 'Arbeitsliste öffnen', url: p.link },
        footer: 'Sie erhalten diese Nachricht, weil in dieser Runde noch Bewertungen von Ihnen fehlen.',
        footerLink: { label: 'Erinnerungen abbestellen', url: p.unsubscribeUrl },
      }),
      p,
    ),
};
