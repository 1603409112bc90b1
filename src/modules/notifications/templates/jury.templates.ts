import type { Locale } from '../../../common/auth/roles.js';
import { compose, type ComposedMail } from './compose.js';
import type { Formatter } from './format.js';

type Template<P> = Record<Locale, (params: P, format: Formatter) => ComposedMail>;

/** A juror's new assignments in one round. No titles or companies: the mail must not undo a blind edition. */
export interface JuryAssignmentsParams {
  name: string;
  editionName: string;
  roundName: string;
  /** Nominations newly assigned in this batch. */
  count: number;
  /** When scoring is due, if the round has a deadline. */
  closesAt: string | null;
  link: string;
}

export const juryAssignments: Template<JuryAssignmentsParams> = {
  en: (p, f) =>
    compose('en', {
      subject: `Your nominations to score: ${p.editionName}, ${p.roundName}`,
      greeting: `Hello ${p.name},`,
      paragraphs: [
        `You have ${f.number(p.count)} new nomination(s) to score in the round "${p.roundName}" of ${p.editionName}.`,
        ...(p.closesAt ? [`Please submit your scorecards before ${f.dateTime(p.closesAt)}.`] : []),
        'Before your first scorecard, confirm that your list of conflicts of interest is complete.',
      ],
      action: { label: 'Open your worklist', url: p.link },
    }),
  ru: (p, f) =>
    compose('ru', {
      subject: `Номинации для оценки: ${p.editionName}, ${p.roundName}`,
      greeting: `Здравствуйте, ${p.name}!`,
      paragraphs: [
        `Вам назначено новых номинаций для оценки: ${f.number(p.count)} (тур «${p.roundName}», ${p.editionName}).`,
        ...(p.closesAt ? [`Отправьте оценочные листы до ${f.dateTime(p.closesAt)}.`] : []),
        'Перед первой оценкой подтвердите, что ваш список конфликтов интересов полон.',
      ],
      action: { label: 'Открыть список', url: p.link },
    }),
  kk: (p, f) =>
    compose('kk', {
      subject: `Бағалауға арналған номинациялар: ${p.editionName}, ${p.roundName}`,
      greeting: `Сәлеметсіз бе, ${p.name}!`,
      paragraphs: [
        `Сізге бағалау үшін жаңа номинациялар тағайындалды: ${f.number(p.count)} (${p.editionName}, «${p.roundName}» кезеңі).`,
        ...(p.closesAt ? [`Бағалау парақтарын ${f.dateTime(p.closesAt)} дейін жіберіңіз.`] : []),
        'Алғашқы бағалау алдында мүдделер қақтығысы тізіміңіздің толық екенін растаңыз.',
      ],
      action: { label: 'Тізімді ашу', url: p.link },
    }),
  de: (p, f) =>
    compose('de', {
      subject: `Ihre zu bewertenden Nominierungen: ${p.editionName}, ${p.roundName}`,
      greeting: `Guten Tag ${p.name},`,
      paragraphs: [
        `Ihnen wurden ${f.number(p.count)} neue Nominierung(en) zur Bewertung in der Runde „${p.roundName}“ der ${p.editionName} zugewiesen.`,
        ...(p.closesAt ? [`Bitte reichen Sie Ihre Bewertungen bis ${f.dateTime(p.closesAt)} ein.`] : []),
        'Bestätigen Sie vor Ihrer ersten Bewertung, dass Ihre Liste von Interessenkonflikten vollständig ist.',
      ],
      action: { label: 'Arbeitsliste öffnen', url: p.link },
    }),
};
