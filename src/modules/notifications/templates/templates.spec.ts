import { describe, expect, it } from '@jest/globals';
import { LOCALES } from '../../../common/auth/roles.js';
import { escapeHtml } from './html.js';
import { brandOf, renderMail, TEMPLATES, type TemplateName } from './index.js';
import { TEMPLATE_SAMPLES } from './samples.js';
import { unsubscribedPage, unsubscribeQuestionPage } from './unsubscribe-page.js';

const SAMPLE = TEMPLATE_SAMPLES;

describe('mail templates', () => {
  for (const template of Object.keys(TEMPLATES) as TemplateName[]) {
    it(`${template} renders in every locale with no missing parts`, () => {
      const subjects = new Set<string>();
      for (const locale of LOCALES) {
        const mail = renderMail(template, locale, SAMPLE[template] as never);
        for (const part of [mail.subject, mail.text, mail.html]) {
          expect(part.length).toBeGreaterThan(0);
          expect(part).not.toMatch(/undefined|null|\[object Object\]|NaN/);
        }
        expect(mail.html).toContain(`lang="${locale}"`);
        subjects.add(mail.subject);
      }
      // Each locale has its own words, not a copy of English.
      expect(subjects.size).toBe(LOCALES.length);
    });
  }

  it('every URL is a real link in HTML and stands on a line of its own in the text part', () => {
    for (const template of Object.keys(TEMPLATES) as TemplateName[]) {
      const urls = Object.values(SAMPLE[template] as object).filter(
        (value): value is string => typeof value === 'string' && /^https?:\/\//.test(value),
      );
      expect(urls.length).toBeGreaterThan(0);
      for (const locale of LOCALES) {
        const mail = renderMail(template, locale, SAMPLE[template] as never);
        for (const url of urls) {
          expect(mail.html).toContain(`href="${escapeHtml(url)}"`);
          expect(mail.text.split('\n')).toContain(url);
        }
        // No URL left as bare text in the HTML: outside the <a> elements there is none.
        const outsideLinks = mail.html.replace(/<a\s[^>]*>[\s\S]*?<\/a\s*>/g, '');
        expect(outsideLinks).not.toMatch(/https?:\/\//);
      }
    }
  });

  it('lays every mail out with the platform name in its header and footer, sized for phones', () => {
    for (const template of Object.keys(TEMPLATES) as TemplateName[]) {
      for (const locale of LOCALES) {
        const mail = renderMail(template, locale, SAMPLE[template] as never, { brand: 'Steppe <Prize>' });
        expect(mail.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1" />');
        expect(mail.html).toMatch(/<table\s+role="presentation"/);
        expect(mail.html).toContain('max-width:600px');
        expect(mail.html.match(/Steppe &lt;Prize&gt;/g)!.length).toBeGreaterThanOrEqual(2);
        expect(mail.html).not.toContain('<Prize>');
        expect(mail.text.endsWith('\n-- \nSteppe <Prize>')).toBe(true);
        // Styles are inline: mail clients drop <style> blocks and external sheets.
        expect(mail.html).not.toMatch(/<style|<link/);
      }
    }
    expect(brandOf('Magistral Awards <no-reply@magistral.local>')).toBe('Magistral Awards');
    expect(brandOf('"Eurasian Logistics Prize" <mail@prize.example>')).toBe('Eurasian Logistics Prize');
    expect(brandOf('no-reply@magistral.local')).toBe('Magistral Awards');
  });

  it('the reminder offers its unsubscribe link as a link, not as text', () => {
    const { unsubscribeUrl } = SAMPLE['jury.scoring_reminder'];
    for (const locale of LOCALES) {
      const mail = renderMail('jury.scoring_reminder', locale, SAMPLE['jury.scoring_reminder']);
      expect(mail.html).toMatch(
        new RegExp(`<a\\s+href="${unsubscribeUrl.replace(/[.?]/g, '\\$&')}"[^>]*>\\s*\\S`),
      );
    }
  });

  it('falls back to English for an unknown locale', () => {
    expect(renderMail('account.password_reset', 'fr', SAMPLE['account.password_reset']).subject).toBe(
      'Reset your password',
    );
  });

  it('escapes what came from users in HTML and keeps it verbatim in text', () => {
    for (const template of Object.keys(TEMPLATES) as TemplateName[]) {
      for (const locale of ['en', 'ru', 'kk', 'de']) {
        const mail = renderMail(template, locale, {
          ...(SAMPLE[template] as object),
          name: '<script>alert(1)</script>',
          title: '<script>alert(1)</script>',
          companyName: '<img src=x onerror=alert(1)>',
        } as never);
        expect(mail.html).not.toMatch(/<script|<img/);
      }
    }
    const mail = renderMail('account.verify_email', 'en', {
      ...SAMPLE['account.verify_email'],
      name: '<script>alert(1)</script>',
    });
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.text).toContain('<script>alert(1)</script>');
  });

  it('formats dates for the reader', () => {
    expect(renderMail('account.password_reset', 'de', SAMPLE['account.password_reset']).text).toContain(
      '1. Dezember 2026',
    );
    expect(renderMail('account.password_reset', 'ru', SAMPLE['account.password_reset']).text).toContain(
      'декабря 2026',
    );
  });

  it('results: each outcome has its own subject in every language, and the reminder carries its unsubscribe link', () => {
    for (const locale of LOCALES) {
      const subjects = (['winner', 'finalist', 'participant'] as const).map(
        (outcome) =>
          renderMail('results.published', locale, { ...SAMPLE['results.published'], outcome }).subject,
      );
      expect(new Set(subjects).size).toBe(3);
      const reminder = renderMail('jury.scoring_reminder', locale, SAMPLE['jury.scoring_reminder']);
      expect(reminder.text).toContain(SAMPLE['jury.scoring_reminder'].unsubscribeUrl);
      expect(reminder.headers).toEqual({
        'List-Unsubscribe': `<${SAMPLE['jury.scoring_reminder'].unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', // RFC 8058
      });
    }
    expect(renderMail('jury.scoring_reminder', 'de', SAMPLE['jury.scoring_reminder']).subject).toContain(
      '1.234',
    );
  });
});

describe('the unsubscribe pages', () => {
  it('ask in every language with a one-click form posting back to the link, and then confirm', () => {
    for (const locale of LOCALES) {
      const question = unsubscribeQuestionPage(locale);
      expect(question).toContain(`<html lang="${locale}">`);
      // No action: the form posts to the URL the page was opened at, token included (RFC 8058's target).
      expect(question).toMatch(
        /<form method="post">\s*<input type="hidden" name="List-Unsubscribe" value="One-Click" \/>/,
      );
      expect(unsubscribedPage(locale)).not.toContain('<form');
    }
    expect(unsubscribedPage('ru')).toContain('Напоминания об оценках больше не будут приходить.');
  });
});
