import { html, layout } from './html.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** Extra mail headers (e.g. `List-Unsubscribe` on optional mails). */
  headers?: Record<string, string>;
}

export interface MailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

/** Builds the text and HTML parts from the same words; everything is escaped in HTML. */
export function compose(lang: string, content: MailContent): RenderedMail {
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    ...(content.footer ? [content.footer, ''] : []),
    '— Magistral Awards',
  ].join('\n');
  const body = html`<p>${content.greeting}</p>
    ${content.paragraphs.map((p) => html`<p>${p}</p>`)}${
      content.action ? html`<p><a href="${content.action.url}">${content.action.label}</a></p>` : ''
    }${content.footer ? html`<p style="color:#666">${content.footer}</p>` : ''}`;
  return { subject: content.subject, text, html: layout(lang, content.subject, body) };
}
