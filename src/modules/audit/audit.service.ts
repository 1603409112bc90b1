import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canonicalJson, sha256Hex } from '../../common/canonical-json.js';
import { page, type Page, type PageQuery } from '../../common/http/pagination.js';
import type { AuditAction } from './audit-actions.js';
import { AuditEntry } from './entities/audit-entry.entity.js';

export type { AuditAction } from './audit-actions.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  editionId?: string | null;
  actorId?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditContent {
  action: string;
  actorId: string | null;
  data: Record<string, unknown>;
  editionId: string | null;
  entityId: string | null;
  entityType: string;
  occurredAt: string;
}

export function contentOf(
  entry: Pick<
    AuditEntry,
    'action' | 'actorId' | 'data' | 'editionId' | 'entityId' | 'entityType' | 'occurredAt'
  >,
): AuditContent {
  return {
    action: entry.action,
    actorId: entry.actorId,
    data: entry.data,
    editionId: entry.editionId,
    entityId: entry.entityId,
    entityType: entry.entityType,
    occurredAt: entry.occurredAt.toISOString(),
  };
}

/** The column values of one unsealed entry, content hash included: what `append` inserts. */
export interface AuditRowValues {
  occurredAt: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  editionId: string | null;
  /** `data` as JSON text, for a `$n::jsonb` parameter. */
  data: string;
  contentHash: string;
}

/**
 * Builds an entry's row the way `append` does, for writers that insert it inside a statement of their own
 * (e.g. a scorecard upsert whose audit row is written by the same SQL statement).
 */
export function auditRowValues(record: AuditRecord, occurredAt: Date): AuditRowValues {
  const content = contentOf({
    action: record.action,
    actorId: record.actorId ?? null,
    data: record.data ?? {},
    editionId: record.editionId ?? null,
    entityId: record.entityId ?? null,
    entityType: record.entityType,
    occurredAt,
  });
  return {
    occurredAt,
    actorId: content.actorId,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    editionId: content.editionId,
    data: JSON.stringify(content.data),
    contentHash: sha256Hex(canonicalJson(content)),
  };
}

/** The columns an audit row is inserted with, in this order. */
const INSERTED_COLUMNS =
  'occurred_at, actor_id, action, entity_type, entity_id, edition_id, data, content_hash';

/**
 * The statement that appends the rows a SELECT yields, for a writer whose audit rows must come from the same SQL
 * statement as the change they record (the scorecard upsert, whose audit row exists only for a row it wrote).
 * The SELECT yields, in this order, the values `auditRowValues` builds: occurred_at, actor_id, action,
 * entity_type, entity_id, edition_id, data (jsonb), content_hash. Only this module's SQL names `audit_log`.
 */
export function auditInsertSql(select: string): string {
  return `INSERT INTO audit_log (${INSERTED_COLUMNS}) ${select}`;
}

export function chainHash(seq: string | number | bigint, prevHash: string, contentHash: string): string {
  return sha256Hex(`${seq}:${prevHash}:${contentHash}`);
}

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  editionId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
}

/** An entry as the log's list shows it: with its actor's name, so that a page needs no directory of accounts. */
export type AuditListEntry = AuditEntry & { actorName: string | null };

export interface AuditVerification {
  ok: boolean;
  checked: number;
  unsealed: number;
  head: { seq: string; hash: string } | null;
  firstBroken: {
    id: string;
    seq: string;
    reason: 'content_changed' | 'chain_broken' | 'sequence_gap';
  } | null;
}

@Injectable()
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends inside the caller's transaction: the entry exists iff the change it records commits. */
  async append(manager: EntityManager, record: AuditRecord): Promise<void> {
    await this.appendMany(manager, [record]);
  }

  async appendMany(manager: EntityManager, records: AuditRecord[]): Promise<void> {
    if (!records.length) return;
    const occurredAt = new Date();
    const values: unknown[] = [];
    const rows = records.map((record, i) => {
      const row = auditRowValues(record, occurredAt);
      values.push(
        row.occurredAt,
        row.actorId,
        row.action,
        row.entityType,
        row.entityId,
        row.editionId,
        row.data,
        row.contentHash,
      );
      const o = i * 8;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7}::jsonb, $${o + 8})`;
    });
    await manager.query(`INSERT INTO audit_log (${INSERTED_COLUMNS}) VALUES ${rows.join(', ')}`, values);
  }

  async list(filter: AuditFilter, query: PageQuery): Promise<Page<AuditListEntry>> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.editionId) qb.andWhere('a.edition_id = :editionId', { editionId: filter.editionId });
    if (filter.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.from) qb.andWhere('a.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.occurred_at < :to', { to: filter.to });
    const [items, total] = await qb
      .orderBy('a.id', 'DESC')
      .offset(query.offset)
      .limit(query.pageSize)
      .getManyAndCount();
    const actorIds = [...new Set(items.flatMap((a) => (a.actorId ? [a.actorId] : [])))];
    const names = actorIds.length
      ? await this.dataSource.query<{ id: string; full_name: string }[]>(
          `SELECT id, full_name FROM user_directory WHERE id = ANY($1::uuid[])`,
          [actorIds],
        )
      : [];
    const nameOf = new Map(names.map((n) => [n.id, n.full_name]));
    return page(
      items.map((a) => Object.assign(a, { actorName: (a.actorId && nameOf.get(a.actorId)) ?? null })),
      query,
      total,
    );
  }

  /** The last sealed entry: what published results quote. */
  async head(): Promise<{ seq: string; hash: string } | null> {
    const rows = await this.dataSource.query<{ seq: string; hash: string }[]>(
      `SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  /** Walks the sealed chain from the start and reports the first entry that doesn't hold. */
  async verify(): Promise<AuditVerification> {
    const repo = this.dataSource.getRepository(AuditEntry);
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1n;
    let checked = 0;
    let head: AuditVerification['head'] = null;
    let lastSeq = 0n;
    for (;;) {
      const batch = await repo
        .createQueryBuilder('a')
        .where('a.seq IS NOT NULL AND a.seq > :after', { after: lastSeq.toString() })
        .orderBy('a.seq', 'ASC')
        .limit(5000)
        .getMany();
      if (!batch.length) break;
      for (const entry of batch) {
        const seq = BigInt(entry.seq!);
        const broken = (reason: NonNullable<AuditVerification['firstBroken']>['reason']) => ({
          id: entry.id,
          seq: entry.seq!,
          reason,
        });
        let firstBroken: AuditVerification['firstBroken'] = null;
        if (seq !== expectedSeq) firstBroken = broken('sequence_gap');
        else if (sha256Hex(canonicalJson(contentOf(entry))) !== entry.contentHash)
          firstBroken = broken('content_changed');
        else if (
          entry.prevHash !== prevHash ||
          chainHash(entry.seq!, prevHash, entry.contentHash) !== entry.hash
        )
          firstBroken = broken('chain_broken');
        if (firstBroken)
          return { ok: false, checked, unsealed: await this.unsealedCount(), head, firstBroken };
        prevHash = entry.hash!;
        expectedSeq = seq + 1n;
        lastSeq = seq;
        checked += 1;
        head = { seq: entry.seq!, hash: entry.hash! };
      }
    }
    return { ok: true, checked, unsealed: await this.unsealedCount(), head, firstBroken: null };
  }

  private async unsealedCount(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL`,
    );
    return row?.n ?? 0;
  }
}
