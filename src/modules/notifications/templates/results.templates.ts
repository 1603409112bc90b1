import type { Locale } from '../../../common/auth/roles.js';
import { compose, type ComposedMail } from './compose.js';
import type { Formatter } from './format.js';

type Template<P> = Record<Locale, (params: P, format: Formatter) => ComposedMail>;

/** Where a nomination ended once the results are public. */
export type ResultOutcome = 'winner' | 'finalist' | 'participant';

/** One nomination's result, to a member of the company behind it. */
export interface ResultsPublishedParams {
  name: string;
  editionName: string;
  nominationId: string;
  title: string;
  companyName: string;
  categoryName: Record<Locale, string>;
  outcome: ResultOutcome;
  publishedAt: string;
  resultsUrl: string;
}

const SUBJECT: Record<Locale, Record<ResultOutcome, (p: ResultsPublishedParams) => string>> = {
  en: {
    winner: (p) => `${p.editionName}: "${p.title}" has won`,
    finalist: (p) => `${p.editionName}: "${p.title}" is a finalist`,
    participant: (p) => `${p.editionName}: the results are published`,
  },
  ru: {
    winner: (p) => `${p.editionName}: «${p.title}» — победитель`,
    finalist: (p) => `${p.editionName}: «${p.title}» — финалист`,
    participant: (p) => `${p.editionName}: итоги опубликованы`,
  },
  kk: {
    winner: (p) => `${p.editionName}: «${p.title}» жеңіске жетті`,
    finalist: (p) => `${p.editionName}: «${p.title}» финалға шықты`,
    participant: (p) => `${p.editionName}: қорытындылар жарияланды`,
  },
  de: {
    winner: (p) => `${p.editionName}: „${p.title}“ hat gewonnen`,
    finalist: (p) => `${p.editionName}: „${p.title}“ ist im Finale`,
    participant: (p) => `${p.editionName}: die Ergebnisse sind veröffentlicht`,
  },
};

const VERDICT: Record<Locale, Record<ResultOutcome, (p: ResultsPublishedParams) => string>> = {
  en: {
    winner: (p) =>
      `Congratulations: the nomination "${p.title}" of ${p.companyName} has won the category ${p.categoryName.en} of ${p.editionName}.`,
    finalist: (p) =>
      `The nomination "${p.title}" of ${p.companyName} is a finalist in the category ${p.categoryName.en} of ${p.editionName}; it did not win.`,
    participant: (p) =>
      `The nomination "${p.title}" of ${p.companyName} in the category ${p.categoryName.en} of ${p.editionName} did not win. Thank you for taking part.`,
  },
  ru: {
    winner: (p) =>
      `Поздравляем: номинация «${p.title}» компании ${p.companyName} победила в категории «${p.categoryName.ru}» конкурса ${p.editionName}.`,
    finalist: (p) =>
      `Номинация «${p.title}» компании ${p.companyName} стала финалистом в категории «${p.categoryName.ru}» конкурса ${p.editionName}, но не победила.`,
    participant: (p) =>
      `Номинация «${p.title}» компании ${p.companyName} в категории «${p.categoryName.ru}» конкурса ${p.editionName} не победила. Благодарим за участие.`,
  },
  kk: {
    winner: (p) =>
      `Құттықтаймыз: ${p.companyName} компаниясының «${p.title}» номинациясы ${p.editionName} байқауының «${p.categoryName.kk}» санатында жеңді.`,
    finalist: (p) =>
      `${p.companyName} компаниясының «${p.title}» номинациясы ${p.editionName} байқауының «${p.categoryName.kk}» санатында финалист атанды, бірақ жеңбеді.`,
    participant: (p) =>
      `${p.companyName} компаниясының ${p.editionName} байқауының «${p.categoryName.kk}» санатындағы «${p.title}» номинациясы жеңбеді. Қатысқаныңыз үшін рахмет.`,
  },
  de: {
    winner: (p) =>
      `herzlichen Glückwunsch: Die Nominierung „${p.title}“ von ${p.companyName} hat die Kategorie ${p.categoryName.de} der ${p.editionName} gewonnen.`,
    finalist: (p) =>
      `die Nominierung „${p.title}“ von ${p.companyName} ist Finalist in der Kategorie ${p.categoryName.de} der ${p.editionName}; sie hat nicht gewonnen.`,
    participant: (p) =>
      `die Nominierung „${p.title}“ von ${p.companyName} in der Kategorie ${p.categoryName.de} der ${p.editionName} hat nicht gewonnen. Vielen Dank für Ihre Teilnahme.`,
  },
};

const WORDS: Record<
  Locale,
  {
    greeting: (name: string) => string;
    published: (date: string) => string;
    reference: string;
    action: string;
  }
> = {
  en: {
    greeting: (name) => `Hello ${name},`,
    published: (date) => `The results were published on ${date}.`,
    reference: 'Reference',
    action: 'See the published results',
  },
  ru: {
    greeting: (name) => `Здравствуйте, ${name}!`,
    published: (date) => `Итоги опубликованы ${date}.`,
    reference: 'Номер',
    action: 'Открыть итоги',
  },
  kk: {
    greeting: (name) => `Сәлеметсіз бе, ${name}!`,
    published: (date) => `Қорытындылар ${date} жарияланды.`,
    reference: 'Нөмірі',
    action: 'Қорытындыларды ашу',
  },
  de: {
    greeting: (name) => `Guten Tag ${name},`,
    published: (date) => `Die Ergebnisse wurden am ${date} veröffentlicht.`,
    reference: 'Referenz',
    action: 'Veröffentlichte Ergebnisse ansehen',
  },
};

function resultsMail(lang: Locale): (p: ResultsPublishedParams, f: Formatter) => ComposedMail {
  return (p, f) =>
    compose(lang, {
      subject: SUBJECT[lang][p.outcome](p),
      greeting: WORDS[lang].greeting(p.name),
      paragraphs: [
        VERDICT[lang][p.outcome](p),
        WORDS[lang].published(f.dateTime(p.publishedAt)),
        `${WORDS[lang].reference}: ${p.nominationId}.`,
      ],
      action: { label: WORDS[lang].action, url: p.resultsUrl },
    });
}

export const resultsPublished: Template<ResultsPublishedParams> = {
  en: resultsMail('en'),
  ru: resultsMail('ru'),
  kk: resultsMail('kk'),
  de: resultsMail('de'),
};
