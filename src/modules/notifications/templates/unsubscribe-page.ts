import type { Locale } from '../../../common/auth/roles.js';
import { html, type SafeHtml } from './html.js';

interface PageWords {
  title: string;
  question: string;
  button: string;
  done: string;
  undo: string;
}

const WORDS: Record<Locale, PageWords> = {
  en: {
    title: 'Scoring reminders',
    question: 'Stop the reminders Magistral sends before a round closes? Other mails are not affected.',
    button: 'Stop reminders',
    done: 'You will receive no more scoring reminders.',
    undo: 'Signed in, you can turn them back on under your notification preferences.',
  },
  ru: {
    title: 'Напоминания об оценках',
    question: 'Больше не присылать напоминания перед закрытием тура? Другие письма это не затронет.',
    button: 'Отказаться от напоминаний',
    done: 'Напоминания об оценках больше не будут приходить.',
    undo: 'Включить их снова можно в настройках уведомлений вашей учётной записи.',
  },
  kk: {
    title: 'Бағалау туралы еске салулар',
    question: 'Кезең жабылар алдындағы еске салуларды тоқтату керек пе? Басқа хаттарға әсер етпейді.',
    button: 'Еске салуларды тоқтату',
    done: 'Бағалау туралы еске салулар енді келмейді.',
    undo: 'Оларды есептік жазбаңыздың хабарлама баптауларында қайта қосуға болады.',
  },
  de: {
    title: 'Bewertungserinnerungen',
    question:
      'Keine Erinnerungen mehr vor dem Ende einer Runde senden? Andere Nachrichten bleiben unberührt.',
    button: 'Erinnerungen abbestellen',
    done: 'Sie erhalten keine Bewertungserinnerungen mehr.',
    undo: 'Angemeldet können Sie sie in Ihren Benachrichtigungseinstellungen wieder einschalten.',
  },
};

function page(locale: Locale, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${WORDS[locale].title}</title>
      </head>
      <body>
        <h1>${WORDS[locale].title}</h1>
        ${body}
      </body>
    </html>`.value;
}

/**
 * What the link in a reminder opens: a question and a button, nothing changed yet. Link scanners of mail
 * services open every link of a mail; only a person (or a mail client's one-click button, RFC 8058) posts.
 * The form posts to the very URL it was opened at, token included, as RFC 8058's one-click does.
 */
export function unsubscribeQuestionPage(locale: Locale): string {
  return page(
    locale,
    html`<p>${WORDS[locale].question}</p>
      <form method="post">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" /><button type="submit">
          ${WORDS[locale].button}
        </button>
      </form>`,
  );
}

export function unsubscribedPage(locale: Locale): string {
  return page(
    locale,
    html`<p>${WORDS[locale].done}</p>
      <p>${WORDS[locale].undo}</p>`,
  );
}
