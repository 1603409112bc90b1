import { createHash, randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { assign, createJuryWorld, type JuryWorld } from '../../support/jury.js';
import { setQuestions } from '../../support/nominations.js';
import type { TestApp } from '../../support/test-app.js';

/**
 * A juror's judging world for the browser: an edition in judging with an open round, two nominations
 * assigned to the juror (conflicts confirmed), the first with an answered question and a PDF attachment.
 * Its category has three criteria: `cost` and `speed` on the default 0–10 scale (radios), `reliability`
 * on 0–20 (a number field).
 */
export interface JurorWorld extends JuryWorld {
  attachmentId: string;
  /** The juror's two nominations in the worklist's order (by title). */
  first: { id: string; title: string };
  second: { id: string; title: string };
}

export async function createJurorWorld(t: TestApp, options: { blind?: boolean } = {}): Promise<JurorWorld> {
  const world = await createJuryWorld(t, {
    blind: options.blind ?? false,
    companyName: 'Caspian Rail Cargo',
  });
  await setQuestions(t, world.categoryId, [{ code: 'approach', required: true, maxLength: 500 }]);
  await t.db.query(`UPDATE nominations SET title = $2, answers = $3::jsonb WHERE id = $1`, [
    world.nominationId,
    'A Khorgos dry port: rail instead of road',
    JSON.stringify({ approach: 'Block trains through the Khorgos dry port, gauge change in 47 minutes.' }),
  ]);
  await t.db.query(`UPDATE nominations SET title = $2 WHERE id = $1`, [
    world.otherNominationId,
    'B Aktau ferry corridor',
  ]);
  await t.db.query(`UPDATE criteria SET scale_max = 20 WHERE category_id = $1 AND code = 'reliability'`, [
    world.categoryId,
  ]);
  await assign(t, world.roundId, world.otherNominationId, world.assignedJuror.id);
  const attachmentId = await addPdf(t, world.nominationId, world.entrant.id, 'khorgos-report.pdf');
  return {
    ...world,
    attachmentId,
    first: { id: world.nominationId, title: 'A Khorgos dry port: rail instead of road' },
    second: { id: world.otherNominationId, title: 'B Aktau ferry corridor' },
  };
}

/** The juror's scorecard as the server has it. */
export async function serverScorecard(
  t: TestApp,
  world: JuryWorld,
  nominationId: string,
): Promise<{ status: string; scores: Record<string, number>; comment: string | null; version: number }> {
  const [row] = await t.db.query<
    { status: string; scores: Record<string, number>; comment: string | null; version: number }[]
  >(
    `SELECT status, scores, comment, version FROM scorecards WHERE round_id = $1 AND nomination_id = $2 AND juror_id = $3`,
    [world.roundId, nominationId, world.assignedJuror.id],
  );
  return row ?? { status: 'none', scores: {}, comment: null, version: 0 };
}

/** The organiser closes the round through the API (which also starts its tally). */
export async function closeRound(t: TestApp, world: JuryWorld): Promise<void> {
  const response = await t.http().post(`/api/v1/rounds/${world.roundId}/close`).set(world.organiser.auth);
  if (response.status >= 300)
    throw new Error(`closing the round failed: ${response.status} ${JSON.stringify(response.body)}`);
}

/** A one-page PDF a viewer can open (with its cross-reference table), saying `text`. */
function onePagePdf(text: string): Buffer {
  const content = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A 24×16 PNG in one colour, built byte by byte (chunks with their CRCs). */
function plainPng(width = 24, height = 16): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x5a)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PNG = plainPng();

/** Adds a PNG image (a photo of the site, say) to a nomination; returns its id. */
export async function addImage(
  t: TestApp,
  nominationId: string,
  createdBy: string,
  originalName: string,
): Promise<string> {
  const storedName = `${randomUUID()}.png`;
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO attachments (nomination_id, original_name, stored_name, media_type, size_bytes, sha256, created_by)
     VALUES ($1, $2, $3, 'image/png', $4, $5, $6) RETURNING id`,
    [
      nominationId,
      originalName,
      storedName,
      PNG.length,
      createHash('sha256').update(PNG).digest('hex'),
      createdBy,
    ],
  );
  await t.db.query(`INSERT INTO attachment_files (stored_name, content) VALUES ($1, $2)`, [storedName, PNG]);
  return row!.id;
}

/** Stores a real PDF as an attachment, the way the upload route leaves it (row with its hash, then its file). */
async function addPdf(
  t: TestApp,
  nominationId: string,
  createdBy: string,
  originalName: string,
): Promise<string> {
  const content = onePagePdf('Khorgos dry port: transfer times 2025');
  const storedName = `${randomUUID()}.pdf`;
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO attachments (nomination_id, original_name, stored_name, media_type, size_bytes, sha256, created_by)
     VALUES ($1, $2, $3, 'application/pdf', $4, $5, $6) RETURNING id`,
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
