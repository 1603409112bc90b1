import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { chainHash, GENESIS_HASH } from './audit.service.js';

const SEAL_LOCK = 72_616_002;
const BATCH = 5000;

/**
 * Chains audit entries after they land, so that no write of the platform waits behind a chain lock.
 * An entry is sealed only once every transaction older than its own has finished (its xid is below the
 * snapshot's xmin): nothing can later appear before it, so the chain never forks or skips. One sealer at
 * a time across all processes (advisory lock); the others skip their turn. Where AUDIT_SEALER is off it
 * seals only when asked (`sealAllCommitted`).
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditSealer.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.AUDIT_SEALER) return;
    this.timer = setInterval(() => {
      if (!this.running)
        void this.sealPending().catch((error: unknown) =>
          this.logger.warn(`Audit sealing will retry: ${(error as Error).message}`),
        );
    }, this.config.AUDIT_SEAL_MS);
  }

  // Before the connection pools close, so no tick runs against a closed pool.
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Seals everything that can be sealed now; returns how many entries it chained. */
  async sealPending(): Promise<number> {
    let total = 0;
    for (;;) {
      this.running = this.sealBatch();
      const sealed = await this.running.finally(() => (this.running = undefined));
      total += sealed;
      if (sealed < BATCH) return total;
    }
  }

  /** Waits until every entry committed before this call is sealed (verification and publication use it). */
  async sealAllCommitted(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const [{ max }] = (await this.dataSource.query(
      `SELECT coalesce(max(id), 0)::text AS max FROM audit_log`,
    )) as { max: string }[];
    for (;;) {
      await this.sealPending().catch(() => 0);
      const [{ n }] = (await this.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL AND id <= $1`,
        [max],
      )) as { n: number }[];
      if (n === 0 || Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private sealBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
        SEAL_LOCK,
      ])) as { locked: boolean }[];
      if (!locked) return 0;
      const pending = (await manager.query(
        `SELECT id, content_hash FROM audit_log
          WHERE seq IS NULL AND xid < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY xid, id LIMIT ${BATCH}`,
      )) as { id: string; content_hash: string }[];
      if (!pending.length) return 0;
      const [head] = (await manager.query(
        `SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`,
      )) as { seq: string; hash: string }[];
      let seq = head ? BigInt(head.seq) : 0n;
      let prev = head?.hash ?? GENESIS_HASH;
      const ids: string[] = [];
      const seqs: string[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of pending) {
        seq += 1n;
        const hash = chainHash(seq, prev, row.content_hash);
        ids.push(row.id);
        seqs.push(seq.toString());
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      await manager.query(
        `UPDATE audit_log a SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v(id, seq, prev_hash, hash)
          WHERE a.id = v.id`,
        [ids, seqs, prevs, hashes],
      );
      return pending.length;
    });
  }
}
