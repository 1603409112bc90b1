import type { Locale } from '../../../common/auth/roles.js';
import { compose, type ComposedMail } from './compose.js';
import type { Formatter } from './format.js';

type Template<P> = Record<Locale, (params: P, format: Formatter) => ComposedMail>;

export interface NominationSubmittedParams {
  name: string;
  nominationId: string;
  title: string;
  companyName: string;
  editionName: string;
  /** The category's name in every language; the template picks the recipient's. */
  categoryName: Record<Locale, string>;
  /** The first lines of the nomination's summary. */
  summary: string;
  metricCount: number;
  attachmentCount: number;
  submittedAt: string;
  editableUntil: string;
  link: string;
}

const excerpt = (p: NominationSubmittedParams): string[] => (p.summary ? [`«${p.summary}»`] : []);

export const nominationSubmitted: Template<NominationSubmittedParams> = {
  en: (p, f) =>
    compose('en', {
      subject: `Nomination received: ${p.title}`,
      greeting: `Hello ${p.name},`,
      paragraphs: [
        `We received the nomination "${p.title}" of ${p.companyName} in the category ${p.categoryName.en} of ${p.editionName} on ${f.dateTime(p.submittedAt)}.`,
        ...excerpt(p),
        `It has ${f.number(p.metricCount)} key metrics and ${f.number(p.attachmentCount)} attachments. Reference: ${p.nominationId}.`,
        `You can still change it until ${f.dateTime(p.editableUntil)}; after that it is frozen for the eligibility review.`,
      ],
      action: { label: 'View the nomination', url: p.link },
    }),
  ru: (p, f) =>
    compose('ru', {
      subject: `Номинация получена: ${p.title}`,
      greeting: `Здравствуйте, ${p.name}!`,
      paragraphs: [
        `Мы получили номинацию «${p.title}» компании ${p.companyName} в категории «${p.categoryName.ru}» конкурса ${p.editionName} ${f.dateTime(p.submittedAt)}.`,
        ...excerpt(p),
        `Ключевых показателей: ${f.number(p.metricCount)}, вложений: ${f.number(p.attachmentCount)}. Номер: ${p.nominationId}.`,
        `Вы можете изменить её до ${f.dateTime(p.editableUntil)}; после этого она фиксируется для проверки соответствия условиям.`,
      ],
      action: { label: 'Открыть номинацию', url: p.link },
    }),
  kk: (p, f) =>
    compose('kk', {
      subject: `Номинация қабылданды: ${p.title}`,
      greeting: `Сәлеметсіз бе, ${p.name}!`,
      paragraphs: [
        `${p.companyName} компаниясының «${p.title}» номинациясы ${p.editionName} байқауының «${p.categoryName.kk}» санатында ${f.dateTime(p.submittedAt)} қабылданды.`,
        ...excerpt(p),
        `Негізгі көрсеткіштер: ${f.number(p.metricCount)}, тіркемелер: ${f.number(p.attachmentCount)}. Нөмірі: ${p.nominationId}.`,
        `Оны ${f.dateTime(p.editableUntil)} дейін өзгертуге болады; одан кейін ол сәйкестікті тексеру үшін бекітіледі.`,
      ],
      action: { label: 'Номинацияны ашу', url: p.link },
    }),
  de: (p, f) =>
    compose('de', {
      subject: `Nominierung eingegangen: ${p.title}`,
      greeting: `Guten Tag ${p.name},`,
      paragraphs: [
        `die Nominierung „${p.title}“ von ${p.companyName} in der Kategorie ${p.categoryName.de} der ${p.editionName} ist am ${f.dateTime(p.submittedAt)} eingegangen.`,
        ...excerpt(p),
        `Sie enthält ${f.number(p.metricCount)} Kennzahlen und ${f.number(p.attachmentCount)} Anhänge. Referenz: ${p.nominationId}.`,
        `Sie können sie bis ${f.dateTime(p.editableUntil)} noch ändern; danach ist sie für die Zulassungsprüfung eingefroren.`,
      ],
      action: { label: 'Nominierung ansehen', url: p.link },
    }),
};

export interface EligibilityDecisionParams {
  nominationId: string;
  title: string;
  companyName: string;
  editionName: string;
  categoryName: Record<Locale, string>;
  decision: 'eligible' | 'ineligible';
  reason: string | null;
  link: string;
}

export const eligibilityDecision: Template<EligibilityDecisionParams> = {
  en: (p) =>
    compose('en', {
      subject:
        p.decision === 'eligible' ? `Nomination admitted: ${p.title}` : `Nomination not admitted: ${p.title}`,
      greeting: 'Hello,',
      paragraphs: [
        p.decision === 'eligible'
          ? `The nomination "${p.title}" of ${p.companyName} in the category ${p.categoryName.en} of ${p.editionName} is eligible and goes to the jury.`
          : `The nomination "${p.title}" of ${p.companyName} in the category ${p.categoryName.en} of ${p.editionName} is not eligible.`,
        ...(p.reason ? [`Reason: ${p.reason}`] : []),
        `Reference: ${p.nominationId}.`,
      ],
      action: { label: 'View the nomination', url: p.link },
    }),
  ru: (p) =>
    compose('ru', {
      subject:
        p.decision === 'eligible' ? `Номинация допущена: ${p.title}` : `Номинация не допущена: ${p.title}`,
      greeting: 'Здравствуйте!',
      paragraphs: [
        p.decision === 'eligible'
          ? `Номинация «${p.title}» компании ${p.companyName} в категории «${p.categoryName.ru}» конкурса ${p.editionName} соответствует условиям и передаётся жюри.`
          : `Номинация «${p.title}» компании ${p.companyName} в категории «${p.categoryName.ru}» конкурса ${p.editionName} не соответствует условиям.`,
        ...(p.reason ? [`Причина: ${p.reason}`] : []),
        `Номер: ${p.nominationId}.`,
      ],
      action: { label: 'Открыть номинацию', url: p.link },
    }),
  kk: (p) =>
    compose('kk', {
      subject:
        p.decision === 'eligible' ? `Номинация жіберілді: ${p.title}` : `Номинация жіберілмеді: ${p.title}`,
      greeting: 'Сәлеметсіз бе!',
      paragraphs: [
        p.decision === 'eligible'
          ? `${p.companyName} компаниясының ${p.editionName} байқауының «${p.categoryName.kk}» санатындағы «${p.title}» номинациясы шарттарға сәйкес және қазылар алқасына беріледі.`
          : `${p.companyName} компаниясының ${p.editionName} байқауының «${p.categoryName.kk}» санатындағы «${p.title}» номинациясы шарттарға сәйкес емес.`,
        ...(p.reason ? [`Себебі: ${p.reason}`] : []),
        `Нөмірі: ${p.nominationId}.`,
      ],
      action: { label: 'Номинацияны ашу', url: p.link },
    }),
  de: (p) =>
    compose('de', {
      subject:
        p.decision === 'eligible'
          ? `Nominierung zugelassen: ${p.title}`
          : `Nominierung nicht zugelassen: ${p.title}`,
      greeting: 'Guten Tag,',
      paragraphs: [
        p.decision === 'eligible'
          ? `die Nominierung „${p.title}“ von ${p.companyName} in der Kategorie ${p.categoryName.de} der ${p.editionName} ist zugelassen und geht an die Jury.`
          : `die Nominierung „${p.title}“ von ${p.companyName} in der Kategorie ${p.categoryName.de} der ${p.editionName} ist nicht zugelassen.`,
        ...(p.reason ? [`Begründung: ${p.reason}`] : []),
        `Referenz: ${p.nominationId}.`,
      ],
      action: { label: 'Nominierung ansehen', url: p.link },
    }),
};
