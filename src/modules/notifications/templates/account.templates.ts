import type { Locale, Role } from '../../../common/auth/roles.js';
import { compose, type ComposedMail } from './compose.js';
import type { Formatter } from './format.js';

type Template<P> = Record<Locale, (params: P, format: Formatter) => ComposedMail>;

export interface LinkParams {
  name: string;
  link: string;
  expiresAt: string;
}

export const verifyEmail: Template<LinkParams> = {
  en: (p, f) =>
    compose('en', {
      subject: 'Confirm your e-mail address',
      greeting: `Hello ${p.name},`,
      paragraphs: [
        'Please confirm the e-mail address of your Magistral Awards account.',
        `The link is valid until ${f.dateTime(p.expiresAt)}.`,
      ],
      action: { label: 'Confirm e-mail', url: p.link },
      footer: 'If you did not create an account, ignore this message.',
    }),
  ru: (p, f) =>
    compose('ru', {
      subject: 'Подтвердите адрес электронной почты',
      greeting: `Здравствуйте, ${p.name}!`,
      paragraphs: [
        'Подтвердите адрес электронной почты вашей учётной записи Magistral Awards.',
        `Ссылка действительна до ${f.dateTime(p.expiresAt)}.`,
      ],
      action: { label: 'Подтвердить адрес', url: p.link },
      footer: 'Если вы не создавали учётную запись, просто проигнорируйте это письмо.',
    }),
  kk: (p, f) =>
    compose('kk', {
      subject: 'Электрондық пошта мекенжайыңызды растаңыз',
      greeting: `Сәлеметсіз бе, ${p.name}!`,
      paragraphs: [
        'Magistral Awards тіркелгіңіздің электрондық пошта мекенжайын растаңыз.',
        `Сілтеме ${f.dateTime(p.expiresAt)} дейін жарамды.`,
      ],
      action: { label: 'Мекенжайды растау', url: p.link },
      footer: 'Егер сіз тіркелгі жасамаған болсаңыз, бұл хатты елемеңіз.',
    }),
  de: (p, f) =>
    compose('de', {
      subject: 'Bestätigen Sie Ihre E-Mail-Adresse',
      greeting: `Guten Tag ${p.name},`,
      paragraphs: [
        'bitte bestätigen Sie die E-Mail-Adresse Ihres Magistral-Awards-Kontos.',
        `Der Link ist gültig bis ${f.dateTime(p.expiresAt)}.`,
      ],
      action: { label: 'E-Mail bestätigen', url: p.link },
      footer: 'Wenn Sie kein Konto angelegt haben, ignorieren Sie diese Nachricht.',
    }),
};

export const passwordReset: Template<LinkParams> = {
  en: (p, f) =>
    compose('en', {
      subject: 'Reset your password',
      greeting: `Hello ${p.name},`,
      paragraphs: [
        'Someone asked to reset the password of your Magistral Awards account.',
        `The link is valid until ${f.dateTime(p.expiresAt)} and works once.`,
      ],
      action: { label: 'Choose a new password', url: p.link },
      footer: 'If it was not you, ignore this message: your password stays as it is.',
    }),
  ru: (p, f) =>
    compose('ru', {
      subject: 'Сброс пароля',
      greeting: `Здравствуйте, ${p.name}!`,
      paragraphs: [
        'Поступил запрос на сброс пароля вашей учётной записи Magistral Awards.',
        `Ссылка действительна до ${f.dateTime(p.expiresAt)} и работает один раз.`,
      ],
      action: { label: 'Задать новый пароль', url: p.link },
      footer: 'Если это были не вы, проигнорируйте письмо: пароль не изменится.',
    }),
  kk: (p, f) =>
    compose('kk', {
      subject: 'Құпиясөзді қалпына келтіру',
      greeting: `Сәлеметсіз бе, ${p.name}!`,
      paragraphs: [
        'Magistral Awards тіркелгіңіздің құпиясөзін қалпына келтіру сұралды.',
        `Сілтеме ${f.dateTime(p.expiresAt)} дейін жарамды және бір рет жұмыс істейді.`,
      ],
      action: { label: 'Жаңа құпиясөз орнату', url: p.link },
      footer: 'Егер бұл сіз болмасаңыз, хатты елемеңіз: құпиясөзіңіз өзгермейді.',
    }),
  de: (p, f) =>
    compose('de', {
      subject: 'Passwort zurücksetzen',
      greeting: `Guten Tag ${p.name},`,
      paragraphs: [
        'jemand hat angefordert, das Passwort Ihres Magistral-Awards-Kontos zurückzusetzen.',
        `Der Link ist gültig bis ${f.dateTime(p.expiresAt)} und funktioniert einmal.`,
      ],
      action: { label: 'Neues Passwort wählen', url: p.link },
      footer: 'Falls Sie das nicht waren, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.',
    }),
};

export interface InvitationParams {
  role: Role;
  invitedBy: string;
  link: string;
  expiresAt: string;
}

const ROLE_NAMES: Record<Locale, Record<Role, string>> = {
  en: { entrant: 'entrant', juror: 'juror', organiser: 'organiser' },
  ru: { entrant: 'участник', juror: 'член жюри', organiser: 'организатор' },
  kk: { entrant: 'қатысушы', juror: 'қазылар алқасының мүшесі', organiser: 'ұйымдастырушы' },
  de: { entrant: 'Teilnehmer', juror: 'Jurymitglied', organiser: 'Organisator' },
};

export const invitation: Template<InvitationParams> = {
  en: (p, f) =>
    compose('en', {
      subject: `Invitation to the Magistral Awards as ${ROLE_NAMES.en[p.role]}`,
      greeting: 'Hello,',
      paragraphs: [
        `${p.invitedBy} invites you to join the Magistral Awards as ${ROLE_NAMES.en[p.role]}.`,
        `The invitation is valid until ${f.dateTime(p.expiresAt)}.`,
      ],
      action: { label: 'Accept the invitation', url: p.link },
    }),
  ru: (p, f) =>
    compose('ru', {
      subject: `Приглашение в Magistral Awards: ${ROLE_NAMES.ru[p.role]}`,
      greeting: 'Здравствуйте!',
      paragraphs: [
        `${p.invitedBy} приглашает вас в Magistral Awards в роли «${ROLE_NAMES.ru[p.role]}».`,
        `Приглашение действительно до ${f.dateTime(p.expiresAt)}.`,
      ],
      action: { label: 'Принять приглашение', url: p.link },
    }),
  kk: (p, f) =>
    compose('kk', {
      subject: `Magistral Awards шақыруы: ${ROLE_NAMES.kk[p.role]}`,
      greeting: 'Сәлеметсіз бе!',
      paragraphs: [
        `${p.invitedBy} сізді Magistral Awards-қа «${ROLE_NAMES.kk[p.role]}» ретінде шақырады.`,
        `Шақыру ${f.dateTime(p.expiresAt)} дейін жарамды.`,
      ],
      action: { label: 'Шақыруды қабылдау', url: p.link },
    }),
  de: (p, f) =>
    compose('de', {
      subject: `Einladung zu den Magistral Awards als ${ROLE_NAMES.de[p.role]}`,
      greeting: 'Guten Tag,',
      paragraphs: [
        `${p.invitedBy} lädt Sie als ${ROLE_NAMES.de[p.role]} zu den Magistral Awards ein.`,
        `Die Einladung ist gültig bis ${f.dateTime(p.expiresAt)}.`,
      ],
      action: { label: 'Einladung annehmen', url: p.link },
    }),
};

/** Sent once when an account locks after too many failed logins: the owner's way back in. */
export const accountUnlock: Template<LinkParams> = {
  en: (p, f) =>
    compose('en', {
      subject: 'Your account was locked after many failed sign-ins',
      greeting: `Hello ${p.name},`,
      paragraphs: [
        'Someone tried to sign in to your Magistral Awards account with a wrong password many times, so it no longer accepts passwords. Your open sessions are not affected.',
        `The link unlocks it; it is valid until ${f.dateTime(p.expiresAt)} and works once. Resetting your password also unlocks the account.`,
      ],
      action: { label: 'Unlock my account', url: p.link },
      footer: 'If the attempts were not yours, consider choosing a new password.',
    }),
  ru: (p, f) =>
    compose('ru', {
      subject: 'Ваша учётная запись заблокирована после неудачных попыток входа',
      greeting: `Здравствуйте, ${p.name}!`,
      paragraphs: [
        'Кто-то много раз пытался войти в вашу учётную запись Magistral Awards с неверным паролем, поэтому она больше не принимает пароли. Открытые сеансы продолжают работать.',
        `Ссылка снимает блокировку; она действительна до ${f.dateTime(p.expiresAt)} и работает один раз. Сброс пароля также снимает блокировку.`,
      ],
      action: { label: 'Разблокировать', url: p.link },
      footer: 'Если это были не вы, рекомендуем сменить пароль.',
    }),
  kk: (p, f) =>
    compose('kk', {
      subject: 'Сәтсіз кіру әрекеттерінен кейін тіркелгіңіз бұғатталды',
      greeting: `Сәлеметсіз бе, ${p.name}!`,
      paragraphs: [
        'Біреу Magistral Awards тіркелгіңізге қате құпиясөзбен көп рет кіруге тырысты, сондықтан ол енді құпиясөз қабылдамайды. Ашық сеанстарыңыз жұмыс істей береді.',
        `Сілтеме бұғатты алады; ол ${f.dateTime(p.expiresAt)} дейін жарамды және бір рет жұмыс істейді. Құпиясөзді қалпына келтіру де бұғатты алады.`,
      ],
      action: { label: 'Бұғатты алу', url: p.link },
      footer: 'Егер бұл сіз болмасаңыз, жаңа құпиясөз таңдаған жөн.',
    }),
  de: (p, f) =>
    compose('de', {
      subject: 'Ihr Konto wurde nach vielen fehlgeschlagenen Anmeldungen gesperrt',
      greeting: `Guten Tag ${p.name},`,
      paragraphs: [
        'jemand hat viele Male versucht, sich mit einem falschen Passwort bei Ihrem Magistral-Awards-Konto anzumelden; es nimmt daher keine Passwörter mehr an. Ihre offenen Sitzungen bleiben bestehen.',
        `Der Link entsperrt es; er ist gültig bis ${f.dateTime(p.expiresAt)} und funktioniert einmal. Auch das Zurücksetzen des Passworts entsperrt das Konto.`,
      ],
      action: { label: 'Konto entsperren', url: p.link },
      footer: 'Wenn die Versuche nicht von Ihnen stammen, wählen Sie am besten ein neues Passwort.',
    }),
};
