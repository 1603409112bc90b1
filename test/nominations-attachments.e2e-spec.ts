import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import supertest from 'supertest';
import { Clock } from '../src/common/clock.js';
import { createEdition, type TestEdition } from './support/editions.js';
import { countRows, signIn, type SignedIn } from './support/factories.js';
import { createCompany, createNomination, type TestCompany } from './support/nominations.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const MAX_BYTES = 64 * 1024;
const MAX_FILES = 3;
const HOUR = 3600_000;

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n'),
  randomBytes(2000),
  Buffer.from('\n%%EOF\n'),
]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(500)]);
const WINDOWS_EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), randomBytes(500)]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]), randomBytes(500)]);
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), randomBytes(500)]);

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

interface Part {
  field?: string;
  filename?: string;
  /** Sent as RFC 8187 `filename*=UTF-8''…`: any character can reach the server this way. */
  filenameStar?: string;
  contentType?: string;
  data: Buffer | string;
}

/**
 * A multipart/form-data body built by hand, so a test controls every byte of the part headers (clients
 * such as form-data would strip a path from the file name before it ever reached the server).
 */
function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----magistral${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.field ?? 'file'}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}${
      part.filenameStar !== undefined ? `; filename*=UTF-8''${encodeURIComponent(part.filenameStar)}` : ''
    }`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.contentType ? `Content-Type: ${part.contentType}\r\n` : ''}\r\n`,
        'utf8',
      ),
    );
    chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Superagent reads a binary response into a Buffer only when asked to (in Node the response is a stream). */
function binary(res: unknown, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('nomination attachments', () => {
  let t: TestApp;
  let owner: SignedIn;
  let rival: SignedIn;
  let organiser: SignedIn;
  let juror: SignedIn;
  let company: TestCompany;
  let edition: TestEdition;

  beforeAll(async () => {
    t = await createTestApp({
      UPLOAD_MAX_BYTES: String(MAX_BYTES),
      UPLOAD_MAX_FILES: String(MAX_FILES),
    });
    [owner, rival, organiser, juror] = await Promise.all([
      signIn(t, ['entrant']),
      signIn(t, ['entrant']),
      signIn(t, ['organiser']),
      signIn(t, ['juror']),
    ]);
    company = await createCompany(t, owner.id);
    await createCompany(t, rival.id);
    edition = await createEdition(t, { maxNominationsPerCompanyPerCategory: 50 });
  });
  afterEach(() => t.app.get(Clock).reset());
  afterAll(() => t.close());

  const nomination = (status: 'draft' | 'submitted' | 'eligible' = 'draft') =>
    createNomination(t, {
      editionId: edition.id,
      categoryId: edition.categories[0]!.id,
      companyId: company.id,
      createdBy: owner.id,
      status,
    });

  const upload = (who: SignedIn | null, nominationId: string, parts: Part[], http = t.http()) => {
    const { body, contentType } = multipart(parts);
    const request = http
      .post(`/api/v1/nominations/${nominationId}/attachments`)
      .set('content-type', contentType);
    return (who ? request.set(who.auth) : request).send(body);
  };

  const download = (who: SignedIn | null, attachmentId: string) => {
    const request = t.http().get(`/api/v1/attachments/${attachmentId}`).buffer(true).parse(binary);
    return who ? request.set(who.auth) : request;
  };

  /** Every stored file, by name: stored attachments only, never one whose row did not land. */
  const storedFiles = async (): Promise<string[]> =>
    (
      await t.db.query<{ stored_name: string }[]>(
        `SELECT stored_name FROM attachment_files ORDER BY stored_name`,
      )
    ).map((r) => r.stored_name);
  const fileOf = async (storedName: string): Promise<Buffer | undefined> =>
    (
      await t.db.query<{ content: Buffer }[]>(`SELECT content FROM attachment_files WHERE stored_name = $1`, [
        storedName,
      ])
    )[0]?.content;
  const storedNames = async (): Promise<string[]> =>
    (
      await t.db.query<{ stored_name: string }[]>(`SELECT stored_name FROM attachments ORDER BY stored_name`)
    ).map((r) => r.stored_name);

  describe('POST /nominations/{id}/attachments', () => {
    it('stores a PDF under a generated name with its SHA-256, audited', async () => {
      const id = await nomination();
      const res = await upload(owner, id, [
        { filename: 'evidence.pdf', contentType: 'application/pdf', data: PDF },
      ]).expect(201);
      expect(res.body).toMatchObject({
        nominationId: id,
        originalName: 'evidence.pdf',
        mediaType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: sha256(PDF),
      });
      expect(res.headers.location).toBe(`/api/v1/attachments/${res.body.id}`);
      const [row] = await t.db.query<{ stored_name: string }[]>(
        `SELECT stored_name FROM attachments WHERE id = $1`,
        [res.body.id],
      );
      expect(row!.stored_name).toMatch(/^[0-9a-f-]{36}\.pdf$/);
      expect((await fileOf(row!.stored_name))?.equals(PDF)).toBe(true);
      expect(await countRows(t, 'audit_log', `action = 'attachment.uploaded' AND entity_id = $1`, [id])).toBe(
        1,
      );
      const view = await t.http().get(`/api/v1/nominations/${id}`).set(owner.auth).expect(200);
      expect(view.body.attachments).toEqual([res.body]);
    });

    it('recognises PNG and JPEG by their bytes, whatever the name and the declared type say', async () => {
      const id = await nomination();
      const png = await upload(owner, id, [
        { filename: 'photo.pdf', contentType: 'application/pdf', data: PNG },
      ]).expect(201);
      expect(png.body.mediaType).toBe('image/png');
      const jpeg = await upload(owner, id, [
        { filename: 'scan', contentType: 'application/octet-stream', data: JPEG },
      ]).expect(201);
      expect(jpeg.body.mediaType).toBe('image/jpeg');
    });

    it('refuses a renamed executable and a ZIP posing as a PDF (415), keeping nothing', async () => {
      const id = await nomination();
      const before = await storedFiles();
      for (const data of [WINDOWS_EXE, ELF, ZIP, Buffer.from('<html><script>alert(1)</script></html>')]) {
        const res = await upload(owner, id, [
          { filename: 'report.pdf', contentType: 'application/pdf', data },
        ]).expect(415);
        expect(res.body.code).toBe('attachments.unsupported_type');
      }
      expect(await countRows(t, 'attachments', 'nomination_id = $1', [id])).toBe(0);
      expect(await storedFiles()).toEqual(before);
    });

    it('refuses a file over UPLOAD_MAX_BYTES (413), keeping nothing; exactly the limit is fine', async () => {
      const id = await nomination();
      const before = await storedFiles();
      const oversize = Buffer.concat([PDF.subarray(0, 8), Buffer.alloc(MAX_BYTES + 1 - 8, 0x20)]);
      const res = await upload(owner, id, [
        { filename: 'huge.pdf', contentType: 'application/pdf', data: oversize },
      ]).expect(413);
      expect(res.body.code).toBe('attachments.too_large');
      expect(await countRows(t, 'attachments', 'nomination_id = $1', [id])).toBe(0);
      expect(await storedFiles()).toEqual(before);
      await upload(owner, id, [{ filename: 'limit.pdf', data: oversize.subarray(0, MAX_BYTES) }]).expect(201);
    });

    it('takes files up to 10 MB with the default limit and refuses larger ones (413)', async () => {
      const sibling = await t.sibling({ UPLOAD_MAX_BYTES: String(10 * 1024 * 1024) });
      const id = await nomination();
      const big = Buffer.concat([PDF.subarray(0, 8), Buffer.alloc(10 * 1024 * 1024 - 8, 0x20)]);
      await upload(
        owner,
        id,
        [{ filename: 'big.pdf', data: big }],
        supertest(sibling.getHttpServer()),
      ).expect(201);
      await upload(
        owner,
        id,
        [{ filename: 'bigger.pdf', data: Buffer.concat([big, Buffer.from('x')]) }],
        supertest(sibling.getHttpServer()),
      ).expect(413);
      expect(await countRows(t, 'attachments', 'nomination_id = $1', [id])).toBe(1);
    });

    it('stores a path-traversal file name as harmless metadata and writes no file anywhere', async () => {
      const id = await nomination();
      const before = new Set(await storedFiles());
      const res = await upload(owner, id, [
        { filename: '../../../../tmp/owned.pdf', contentType: 'application/pdf', data: PDF },
      ]).expect(201);
      expect(res.body.originalName).toBe('owned.pdf');
      const windows = await upload(owner, id, [
        { filename: '..\\..\\Windows\\System32\\.hidden.pdf', data: PDF },
      ]).expect(201);
      expect(windows.body.originalName).toBe('hidden.pdf');
      expect(existsSync('/tmp/owned.pdf')).toBe(false);
      const added = (await storedFiles()).filter((f) => !before.has(f));
      expect(added).toHaveLength(2);
      for (const name of added) expect(name).toMatch(/^[0-9a-f-]{36}\.pdf$/);
    });

    it('stores one attachment for a retried upload with the same Idempotency-Key; another file under the key is a 409', async () => {
      const id = await nomination();
      const key = `upload-${Date.now()}`;
      const send = () => {
        const { body, contentType } = multipart([{ filename: 'retry.pdf', data: PDF }]);
        return t
          .http()
          .post(`/api/v1/nominations/${id}/attachments`)
          .set(owner.auth)
          .set('Idempotency-Key', key)
          .set('content-type', contentType)
          .send(body);
      };
      const first = await send().expect(201);
      const [again, third] = await Promise.all([send(), send()]);
      expect([again.status, third.status]).toEqual([201, 201]);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await countRows(t, 'attachments', 'nomination_id = $1', [id])).toBe(1);
      expect(await storedFiles()).toEqual(await storedNames());

      const other = multipart([{ filename: 'retry.pdf', data: PNG }]);
      const reused = await t
        .http()
        .post(`/api/v1/nominations/${id}/attachments`)
        .set(owner.auth)
        .set('Idempotency-Key', key)
        .set('content-type', other.contentType)
        .send(other.body)
        .expect(409);
      expect(reused.body.code).toBe('request.idempotency_key_reused');
      expect(await countRows(t, 'attachments', 'nomination_id = $1', [id])).toBe(1);
      expect(await storedFiles()).toEqual(await storedNames());
    });

    it('refuses more than UPLOAD_MAX_FILES per nomination (409), also when they arrive at once', async () => {
      const id = await nomination();
      const results = await Promise.all(
        Array.from({ length: MAX_FILES + 2 }, (_, i) =>
          upload(owner, id, [{ filename: `f${i}.png`, data: PNG }]),
        ),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(MAX_FILES);
      expect(
        results.filter((r) => r.status === 409).every((r) => r.body.code === 'attachments.limit_reached'),
      ).toBe(true);
      expect(await countRows(t, 'attachments', 'nomination_id = $1', [id])).toBe(MAX_FILES);
      expect(await storedFiles()).toEqual(await storedNames());
    });

    it('refuses a body that is not multipart (415) and a multipart body without a file (400)', async () => {
      const id = await nomination();
      expect(
        (
          await t
            .http()
            .post(`/api/v1/nominations/${id}/attachments`)
            .set(owner.auth)
            .send({ file: 'x' })
            .expect(415)
        ).body.code,
      ).toBe('attachments.not_multipart');
      await upload(owner, id, [{ field: 'note', data: 'no file here' }]).expect(400);
      await upload(owner, id, [{ filename: 'empty.pdf', data: Buffer.alloc(0) }]).expect(400);
      expect(await countRows(t, 'attachments', 'nomination_id = $1', [id])).toBe(0);
    });

    it("refuses another entrant's nomination (404), organisers and jurors (403), anonymous callers (401), storing nothing", async () => {
      const id = await nomination();
      const before = await storedFiles();
      expect((await upload(rival, id, [{ filename: 'x.pdf', data: PDF }]).expect(404)).body.code).toBe(
        'nominations.not_found',
      );
      await upload(organiser, id, [{ filename: 'x.pdf', data: PDF }]).expect(403);
      await upload(juror, id, [{ filename: 'x.pdf', data: PDF }]).expect(403);
      await upload(null, id, [{ filename: 'x.pdf', data: PDF }]).expect(401);
      expect(await countRows(t, 'attachments', 'nomination_id = $1', [id])).toBe(0);
      expect(await storedFiles()).toEqual(before);
    });

    it('accepts files for a submitted nomination until nominations close, then refuses (409)', async () => {
      const id = await nomination('submitted');
      await upload(owner, id, [{ filename: 'late.pdf', data: PDF }]).expect(201);
      t.app.get(Clock).advance(48 * HOUR + 1000);
      expect((await upload(owner, id, [{ filename: 'too-late.pdf', data: PDF }]).expect(409)).body.code).toBe(
        'nominations.frozen',
      );
      t.app.get(Clock).reset();
      const reviewed = await nomination('eligible');
      await upload(owner, reviewed, [{ filename: 'x.pdf', data: PDF }]).expect(409);
    });
  });

  describe('GET /attachments/{id}', () => {
    let attachmentId: string;
    beforeAll(async () => {
      const id = await nomination();
      // Quotes, a semicolon, a tab and a right-to-left override: none may reach the header as such.
      const res = await upload(owner, id, [
        { filenameStar: 'Отчёт "2025"; x=1\t\u202egpj.pdf', data: PDF },
      ]).expect(201);
      expect(res.body.originalName).toBe('Отчёт "2025"; x=1gpj.pdf');
      attachmentId = res.body.id as string;
    });

    it('downloads the exact bytes with a safe Content-Disposition (RFC 6266 filename*)', async () => {
      const res = await download(owner, attachmentId).expect(200);
      expect(Buffer.isBuffer(res.body) && res.body.equals(PDF)).toBe(true);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const disposition = res.headers['content-disposition'] as string;
      expect(disposition).toMatch(
        /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+,=:@-]+$/,
      );
      expect(disposition).not.toMatch(/[\r\n]/);
      const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1]!;
      expect(decodeURIComponent(encoded)).toBe('Отчёт "2025"; x=1gpj.pdf');
      expect(disposition).toContain('filename="_ _2025__ x=1gpj.pdf"');
      await download(organiser, attachmentId).expect(200);
    });

    it('is a 404 when its file is gone (a file an earlier version lost before the move into the database)', async () => {
      const id = await nomination();
      const res = await upload(owner, id, [{ filename: 'lost.pdf', data: PDF }]).expect(201);
      await t.db.query(
        `DELETE FROM attachment_files WHERE stored_name = (SELECT stored_name FROM attachments WHERE id = $1)`,
        [res.body.id],
      );
      const lost = await download(owner, res.body.id as string).expect(404);
      expect(lost.headers['content-type']).toContain('application/problem+json');
    });

    it('is served by every API instance, not only the one that received it', async () => {
      const sibling = await t.sibling();
      const res = await supertest(sibling.getHttpServer())
        .get(`/api/v1/attachments/${attachmentId}`)
        .set(owner.auth)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(Buffer.isBuffer(res.body) && res.body.equals(PDF)).toBe(true);
    });

    it('is a 404 for another entrant (as for an unknown id), 403 for jurors, 401 without a token', async () => {
      const hidden = await download(rival, attachmentId).expect(404);
      const unknown = await download(rival, '00000000-0000-4000-8000-000000000000').expect(404);
      expect(JSON.parse(hidden.body.toString()).code).toBe(JSON.parse(unknown.body.toString()).code);
      await download(juror, attachmentId).expect(403);
      await download(null, attachmentId).expect(401);
    });
  });

  describe('DELETE /attachments/{id} and deleting a draft', () => {
    it('removes the attachment and its file; refuses others (404/403) and frozen nominations (409)', async () => {
      const id = await nomination('submitted');
      const res = await upload(owner, id, [{ filename: 'gone.pdf', data: PDF }]).expect(201);
      const [row] = await t.db.query<{ stored_name: string }[]>(
        `SELECT stored_name FROM attachments WHERE id = $1`,
        [res.body.id],
      );
      await t.http().delete(`/api/v1/attachments/${res.body.id}`).set(rival.auth).expect(404);
      await t.http().delete(`/api/v1/attachments/${res.body.id}`).set(organiser.auth).expect(403);
      await t.http().delete(`/api/v1/attachments/${res.body.id}`).set(juror.auth).expect(403);
      await t.http().delete(`/api/v1/attachments/${res.body.id}`).expect(401);
      t.app.get(Clock).advance(48 * HOUR + 1000);
      await t.http().delete(`/api/v1/attachments/${res.body.id}`).set(owner.auth).expect(409);
      t.app.get(Clock).reset();
      expect(await fileOf(row!.stored_name)).toBeDefined();

      await t.http().delete(`/api/v1/attachments/${res.body.id}`).set(owner.auth).expect(204);
      expect(await countRows(t, 'attachments', 'id = $1', [res.body.id])).toBe(0);
      expect(await fileOf(row!.stored_name)).toBeUndefined();
      await t.http().delete(`/api/v1/attachments/${res.body.id}`).set(owner.auth).expect(404);
    });

    it('deleting a draft removes its files; a refused deletion leaves them', async () => {
      const id = await nomination();
      await upload(owner, id, [{ filename: 'a.pdf', data: PDF }]).expect(201);
      await upload(owner, id, [{ filename: 'b.png', data: PNG }]).expect(201);
      const files = (
        await t.db.query<{ stored_name: string }[]>(
          `SELECT stored_name FROM attachments WHERE nomination_id = $1`,
          [id],
        )
      ).map((r) => r.stored_name);
      await t.http().delete(`/api/v1/nominations/${id}`).set(rival.auth).expect(404);
      for (const f of files) expect(await fileOf(f)).toBeDefined();
      await t.http().delete(`/api/v1/nominations/${id}`).set(owner.auth).expect(204);
      for (const f of files) expect(await fileOf(f)).toBeUndefined();
      expect(await countRows(t, 'attachments', 'nomination_id = $1', [id])).toBe(0);
    });
  });
});
