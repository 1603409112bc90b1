import type { Locale } from '../../../common/auth/roles.js';
import { html, type SafeHtml } from './html.js';

/** A mail ready to send: the subject, a plain-text and an HTML part of the same words, extra headers. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** Extra mail headers (e.g. `List-Unsubscribe` on optional mails). */
  headers?: Record<string, string>;
}

export interface MailLink {
  label: string;
  url: string;
}

/** The words of one mail, in the recipient's language. Every string is plain text: nothing is markup. */
export interface MailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** The one thing to do: a button in HTML, the label and the URL on lines of their own in text. */
  action?: MailLink;
  /** Why the recipient gets the mail, or what to do if it was not for them; small print under the body. */
  footer?: string;
  /** A link in the small print (e.g. to stop optional mails). */
  footerLink?: MailLink;
}

/** What a template returns: its words, laid out by `frame` in the platform's layout. */
export interface ComposedMail {
  lang: Locale;
  content: MailContent;
  headers?: Record<string, string>;
}

export function compose(lang: Locale, content: MailContent): ComposedMail {
  return { lang, content };
}

/** The layout's own words, per locale (a missing one is a compile error). */
const LAYOUT: Record<Locale, { buttonFallback: string; sentBy: (brand: string) => string }> = {
  en: {
    buttonFallback: 'If the button does not work, copy this link into your browser:',
    sentBy: (brand) => `This message was sent by the ${brand} platform.`,
  },
  ru: {
    buttonFallback: 'Если кнопка не работает, скопируйте эту ссылку в браузер:',
    sentBy: (brand) => `Это письмо отправлено платформой ${brand}.`,
  },
  kk: {
    buttonFallback: 'Егер түйме жұмыс істемесе, мына сілтемені браузерге көшіріңіз:',
    sentBy: (brand) => `Бұл хатты ${brand} платформасы жіберді.`,
  },
  de: {
    buttonFallback: 'Falls die Schaltfläche nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:',
    sentBy: (brand) => `Diese Nachricht wurde von der Plattform ${brand} gesendet.`,
  },
};

const FONT = 'font-family:Arial,Helvetica,sans-serif';
const ACCENT = '#0b5394';

/**
 * The text and HTML parts of a mail from its words. The HTML is the kind every common client renders
 * (Outlook's Word engine included): nested tables, inline styles only, one 600-pixel column that shrinks
 * to the screen, a light header with the platform's name, a footer; every URL is a real link. Everything
 * in `content` is escaped. The text part carries the same words with each URL on a line of its own.
 */
export function frame(mail: ComposedMail, brand: string): RenderedMail {
  const { lang, content } = mail;
  const words = LAYOUT[lang];
  for (const link of [content.action, content.footerLink])
    // Links are ours (built from PUBLIC_URL); anything else in an href would be a bug worth stopping at.
    if (link && !/^https?:\/\/[^\s]+$/i.test(link.url)) throw new Error(`Not a web link: ${link.url}`);
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}:`, content.action.url, ''] : []),
    ...(content.footer ? [content.footer, ''] : []),
    ...(content.footerLink ? [`${content.footerLink.label}:`, content.footerLink.url, ''] : []),
    '-- ',
    brand,
  ].join('\n');

  const paragraph = (value: string) => html`<p style="margin:0 0 16px">${value}</p>`;
  const action = content.action
    ? html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px">
          <tr>
            <td align="center" bgcolor="${ACCENT}" style="border-radius:6px;background-color:${ACCENT}">
              <a
                href="${content.action.url}"
                target="_blank"
                style="display:inline-block;padding:12px 24px;${FONT};font-size:16px;font-weight:bold;line-height:20px;color:#ffffff;text-decoration:none;border-radius:6px"
                >${content.action.label}</a
              >
            </td>
          </tr>
        </table>
        <p style="margin:0 0 16px;font-size:13px;line-height:20px;color:#6b7280">
          ${words.buttonFallback}<br /><a
            href="${content.action.url}"
            target="_blank"
            style="color:${ACCENT};word-break:break-all"
            >${content.action.url}</a
          >
        </p>`
    : '';
  const footerLink = content.footerLink
    ? html`<br /><a
          href="${content.footerLink.url}"
          target="_blank"
          style="color:#6b7280;text-decoration:underline"
          >${content.footerLink.label}</a
        >`
    : '';
  const footer: SafeHtml = html`${content.footer ?? ''}${footerLink}${
    content.footer || content.footerLink ? html`<br /><br />` : ''
  }${words.sentBy(brand)}`;

  const document = html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="x-apple-disable-message-reformatting" />
        <meta name="color-scheme" content="light" />
        <title>${content.subject}</title>
      </head>
      <body style="margin:0;padding:0;background-color:#f3f4f6">
        <div style="display:none;max-height:0;overflow:hidden;mso-hide:all">
          ${content.paragraphs[0] ?? ''}
        </div>
        <table
          role="presentation"
          width="100%"
          cellpadding="0"
          cellspacing="0"
          border="0"
          bgcolor="#f3f4f6"
          style="background-color:#f3f4f6"
        >
          <tr>
            <td align="center" style="padding:24px 12px">
              <!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
              <table
                role="presentation"
                width="100%"
                cellpadding="0"
                cellspacing="0"
                border="0"
                bgcolor="#ffffff"
                style="max-width:600px;background-color:#ffffff;border:1px solid #e5e7eb;border-radius:8px"
              >
                <tr>
                  <td
                    style="padding:20px 32px;border-bottom:3px solid ${ACCENT};${FONT};font-size:20px;line-height:28px;font-weight:bold;color:${ACCENT}"
                  >
                    ${brand}
                  </td>
                </tr>
                <tr>
                  <td style="padding:28px 32px 12px;${FONT};font-size:16px;line-height:24px;color:#1f2937">
                    ${paragraph(content.greeting)}${content.paragraphs.map(paragraph)}${action}
                  </td>
                </tr>
                <tr>
                  <td
                    style="padding:16px 32px 24px;border-top:1px solid #e5e7eb;${FONT};font-size:12px;line-height:18px;color:#6b7280"
                  >
                    ${footer}
                  </td>
                </tr>
              </table>
              <!--[if mso]></td></tr></table><![endif]-->
            </td>
          </tr>
        </table>
      </body>
    </html>`;
  // The source's indentation is for people reading this file; in the mail it would only add bytes.
  const compact = document.value.replace(/\n\s*/g, ' ');
  return { subject: content.subject, text, html: compact, headers: mail.headers };
}
