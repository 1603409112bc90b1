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
 * An entry becomes visible to the sealer when its writer's transaction commits, and the sealer appends
 * every visible unsealed entry to the chain (oldest transaction first within a batch): the chain follows the
 * order in which the writers' transactions finished. An entry still being written is invisible, so it is
 * neither skipped nor waited for: it is chained by the first pass after its commit. Nothing here depends on
 * other transactions (a transaction held open on the same PostgreSQL server, in this database or another one,
 * delays nothing). One sealer at a time across all processes (advisory lock on this database); the periodic
 * pass skips its turn when another holds it. Where AUDIT_SEALER is off it seals only when asked
 * (`sealAllCommitted`).
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
    return this.sealLoop(false);
  }

  /**
   * Chains every entry committed before this call (verification and publication quote the head after it).
   * Waits for the lock when another process is sealing, which takes one batch (milliseconds), never for
   * other transactions; gives up after `timeoutMs` with the error, so no request hangs on a stuck lock.
   */
  async sealAllCommitted(timeoutMs = 5_000): Promise<void> {
    await this.sealLoop(true, timeoutMs);
  }

  private async sealLoop(wait: boolean, timeoutMs = 5_000): Promise<number> {
    let total = 0;
    for (;;) {
      this.running = this.sealBatch(wait, timeoutMs);
      const sealed = await this.running.finally(() => (this.running = undefined));
      total += sealed;
      if (sealed < BATCH) return total;
    }
  }

  private sealBatch(wait: boolean, timeoutMs: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      if (wait) {
        await manager.query(`SELECT set_config('lock_timeout', $1, true)`, [`${timeoutMs}ms`]);
        await manager.query(`SELECT pg_advisory_xact_lock($1)`, [SEAL_LOCK]);
      } else {
        const [{ locked }] = await manager.query<[{ locked: boolean }]>(
          `SELECT pg_try_advisory_xact_lock($1) AS locked`,
          [SEAL_LOCK],
        );
        if (!locked) return 0;
      }
      // Read committed: this statement sees every entry whose transaction has committed by now.
      const pending = await manager.query<{ id: string; content_hash: string }[]>(
        `SELECT id, content_hash FROM audit_log WHERE seq IS NULL ORDER BY xid, id LIMIT ${BATCH}`,
      );
      if (!pending.length) return 0;
      const [head] = await manager.query<{ seq: string; hash: string }[]>(
        `SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`,
      );
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
