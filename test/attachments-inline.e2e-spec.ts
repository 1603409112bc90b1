import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser } from 'playwright-core';
import type { Response } from 'supertest';
import { ATTACHMENT_INLINE_CSP } from '../src/modules/nominations/attachments/attachment-response.js';
import { addAttachment, createJuryWorld, type JuryWorld } from './support/jury.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/*
 * Attachments viewed in the browser (issue 14): `?disposition=inline` shows a PDF, PNG or JPEG in place, as
 * a sandboxed document of its own (opaque origin), for exactly those who may download it; a blind edition's
 * jurors still see only the generated name.
 */

const FILE = 'Zhetysu secret annual report.pdf';
const CHROMIUM = '/usr/bin/chromium';

let t: TestApp;
let w: JuryWorld;
let pdf: string;
let png: string;

/** A PNG row and file, as the upload route leaves them. */
async function addPng(nominationId: string, createdBy: string, originalName: string): Promise<string> {
  const content = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  const storedName = `${randomUUID()}.png`;
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO attachments (nomination_id, original_name, stored_name, media_type, size_bytes, sha256, created_by)
     VALUES ($1, $2, $3, 'image/png', $4, $5, $6) RETURNING id`,
    [
      nominationId,
      originalName,
      storedName,
      content.length,
      createHash('sha256').update(content).digest('hex'),
      createdBy,
    ],
  );
  await t.db.query(`INSERT INTO attachment_files (stored_name, content) VALUES ($1, $2)`, [
    storedName,
    content,
  ]);
  return row!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await createJuryWorld(t, { blind: true });
  pdf = await addAttachment(t, w.nominationId, w.entrant.id, FILE);
  png = await addPng(w.nominationId, w.entrant.id, 'route map.png');
});

afterAll(() => t.close());

function expectInline(res: Response, type: string, fileName: string): void {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe(type);
  expect(res.headers['content-disposition']).toMatch(
    new RegExp(`^inline; filename="${fileName}"; filename\\*=UTF-8''`),
  );
  expect(res.headers['content-security-policy']).toBe(ATTACHMENT_INLINE_CSP);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['cache-control']).toBe('private, no-store');
}

const file = (id: string, query = '') => t.http().get(`/api/v1/attachments/${id}${query}`);

describe('GET /attachments/{id}?disposition=inline', () => {
  it('shows a PDF or PNG inline, under a sandboxing CSP, to a member and to organisers', async () => {
    expectInline(await file(pdf, '?disposition=inline').set(w.entrant.auth), 'application/pdf', FILE);
    expectInline(await file(png, '?disposition=inline').set(w.entrant.auth), 'image/png', 'route map.png');
    expectInline(await file(pdf, '?disposition=inline').set(w.organiser.auth), 'application/pdf', FILE);
  });

  it('downloads as before without the parameter or with disposition=attachment', async () => {
    for (const query of ['', '?disposition=attachment']) {
      const res = await file(pdf, query).set(w.entrant.auth);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="Zhetysu secret annual report\.pdf"/,
      );
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    }
  });

  it('refuses like a download: 401 anonymous, 403 jurors, 404 to another company, 400 a bad disposition', async () => {
    const anonymous = await file(pdf, '?disposition=inline');
    expect(anonymous.status).toBe(401);
    const juror = await file(pdf, '?disposition=inline').set(w.assignedJuror.auth);
    expect(juror.status).toBe(403);
    expect(juror.body.code).toBe('auth.forbidden');
    const stranger = await file(pdf, '?disposition=inline').set(w.otherEntrant.auth);
    const missing = await file(randomUUID(), '?disposition=inline').set(w.otherEntrant.auth);
    expect(stranger.status).toBe(404);
    expect({ ...stranger.body, instance: undefined, requestId: undefined }).toEqual({
      ...missing.body,
      instance: undefined,
      requestId: undefined,
    });
    for (const query of ['?disposition=render', '?disposition=inline&x=1', '?disposition[]=inline']) {
      const bad = await file(pdf, query).set(w.entrant.auth);
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.body.code).toBe('request.validation_failed');
    }
  });
});

describe('a blind edition’s juror viewing inline', () => {
  it('gets the generated name, never the original one', async () => {
    const base = `/api/v1/rounds/${w.roundId}/nominations/${w.nominationId}/attachments`;
    const res = await t.http().get(`${base}/${pdf}?disposition=inline`).set(w.assignedJuror.auth);
    expectInline(res, 'application/pdf', 'Attachment 1.pdf');
    expect(JSON.stringify(res.headers)).not.toContain('Zhetysu');
    const image = await t.http().get(`${base}/${png}?disposition=inline`).set(w.assignedJuror.auth);
    expectInline(image, 'image/png', 'Attachment 2.png');
    expect((await t.http().get(`${base}/${pdf}?disposition=inline`).set(w.conflictedJuror.auth)).status).toBe(
      404,
    );
  });
});

describe('in a real browser (Debian’s Chromium)', () => {
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    // Playwright gives the browser a fresh profile of its own.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows a PNG as a sandboxed image document: an opaque origin, no access to our storage', async () => {
    const context = await browser.newContext({
      extraHTTPHeaders: { Authorization: w.entrant.auth.Authorization },
    });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${base}/api/v1/attachments/${png}?disposition=inline`);
      expect(response?.status()).toBe(200);
      expect(await page.evaluate('document.contentType')).toBe('image/png');
      expect(await page.evaluate('self.origin')).toBe('null');
      expect(
        // (The test runs in Node: the page's globals are named in a string the browser evaluates.)
        await page.evaluate(`(() => {
          try {
            return String(localStorage.length);
          } catch (error) {
            return error.name;
          }
        })()`),
      ).toBe('SecurityError');
    } finally {
      await context.close();
    }
  });

  it('shows the PDF in Chromium’s viewer, and a hostile file runs no script in our origin', async () => {
    // A polyglot: a valid PDF signature followed by HTML with a script, as an attacker would upload it.
    const hostile = await addAttachment(t, w.nominationId, w.entrant.id, 'hostile.pdf');
    const polyglot = Buffer.from(
      `%PDF-1.4\n<html><body><script>document.title='pwned';alert(document.cookie)</script></body></html>\n%%EOF\n`,
    );
    await t.db.query(
      `UPDATE attachment_files SET content = $2 WHERE stored_name = (SELECT stored_name FROM attachments WHERE id = $1)`,
      [hostile, polyglot],
    );
    await t.db.query(`UPDATE attachments SET size_bytes = $2 WHERE id = $1`, [hostile, polyglot.length]);

    const context = await browser.newContext({
      extraHTTPHeaders: { Authorization: w.entrant.auth.Authorization },
    });
    try {
      for (const id of [pdf, hostile]) {
        const page = await context.newPage();
        const dialogs: string[] = [];
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        const response = await page.goto(`${base}/api/v1/attachments/${id}?disposition=inline`);
        expect(response?.status()).toBe(200);
        expect(response?.headers()['content-disposition']).toMatch(/^inline;/);
        // Chromium hands the file to its PDF viewer (an extension frame), not to the page.
        const viewer = () => page.frames().some((f) => f.url().startsWith('chrome-extension://'));
        for (let i = 0; i < 100 && !viewer(); i++) await page.waitForTimeout(50);
        expect(viewer()).toBe(true);
        // The bytes never became a page: no script element, no markup of the file's in the document. (Chromium
        // keeps a PDF's viewer document in our origin even under `sandbox`; what protects it is that the file is
        // only ever a PDF — exact Content-Type, nosniff — and PDF JavaScript runs inside PDFium, not in a page.)
        expect(await page.evaluate('document.contentType')).toBe('application/pdf');
        expect(await page.evaluate('document.scripts.length')).toBe(0);
        expect(await page.title()).not.toBe('pwned');
        expect(dialogs).toEqual([]);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });
});
