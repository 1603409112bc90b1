import type { Locale } from '../../../common/auth/roles.js';
import { compose, type ComposedMail } from './compose.js';
import type { Formatter } from './format.js';

type Template<P> = Record<Locale, (params: P, format: Formatter) => ComposedMail>;

export interface CompanyMemberInvitationParams {
  companyName: string;
  invitedBy: string;
  link: string;
  expiresAt: string;
}

export const companyMemberInvitation: Template<CompanyMemberInvitationParams> = {
  en: (p, f) =>
    compose('en', {
      subject: `${p.invitedBy} invites you to ${p.companyName} on the Magistral Awards`,
      greeting: 'Hello,',
      paragraphs: [
        `${p.invitedBy} invites you to join ${p.companyName} on the Magistral Awards platform, where the company prepares its nominations.`,
        'Create an account with this e-mail address (or sign in if you already have one), then open the link to join the company.',
        `The invitation is valid until ${f.dateTime(p.expiresAt)}.`,
      ],
      action: { label: 'Join the company', url: p.link },
      footer: 'If you do not know this company, ignore this message.',
    }),
  ru: (p, f) =>
    compose('ru', {
      subject: `${p.invitedBy} приглашает вас в компанию ${p.companyName} на Magistral Awards`,
      greeting: 'Здравствуйте!',
      paragraphs: [
        `${p.invitedBy} приглашает вас присоединиться к компании ${p.companyName} на платформе Magistral Awards, где компания готовит свои номинации.`,
        'Зарегистрируйтесь с этим адресом электронной почты (или войдите, если учётная запись уже есть), затем откройте ссылку, чтобы присоединиться к компании.',
        `Приглашение действительно до ${f.dateTime(p.expiresAt)}.`,
      ],
      action: { label: 'Присоединиться к компании', url: p.link },
      footer: 'Если вы не знаете эту компанию, проигнорируйте письмо.',
    }),
  kk: (p, f) =>
    compose('kk', {
      subject: `${p.invitedBy} сізді Magistral Awards-тағы ${p.companyName} компаниясына шақырады`,
      greeting: 'Сәлеметсіз бе!',
      paragraphs: [
        `${p.invitedBy} сізді Magistral Awards платформасындағы ${p.companyName} компаниясына қосылуға шақырады: компания өз номинацияларын осында дайындайды.`,
        'Осы электрондық пошта мекенжайымен тіркеліңіз (немесе тіркелгіңіз болса, кіріңіз), содан кейін компанияға қосылу үшін сілтемені ашыңыз.',
        `Шақыру ${f.dateTime(p.expiresAt)} дейін жарамды.`,
      ],
      action: { label: 'Компанияға қосылу', url: p.link },
      footer: 'Егер бұл компанияны білмесеңіз, хатты елемеңіз.',
    }),
  de: (p, f) =>
    compose('de', {
      subject: `${p.invitedBy} lädt Sie zu ${p.companyName} bei den Magistral Awards ein`,
      greeting: 'Guten Tag,',
      paragraphs: [
        `${p.invitedBy} lädt Sie ein, ${p.companyName} auf der Plattform der Magistral Awards beizutreten, auf der das Unternehmen seine Nominierungen vorbereitet.`,
        'Legen Sie ein Konto mit dieser E-Mail-Adresse an (oder melden Sie sich an, wenn Sie schon eines haben) und öffnen Sie dann den Link, um dem Unternehmen beizutreten.',
        `Die Einladung ist gültig bis ${f.dateTime(p.expiresAt)}.`,
      ],
      action: { label: 'Dem Unternehmen beitreten', url: p.link },
      footer: 'Wenn Sie dieses Unternehmen nicht kennen, ignorieren Sie diese Nachricht.',
    }),
};
