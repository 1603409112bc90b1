import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TallyResult } from './arithmetic/tally.js';

/** Enough for the categories of the rounds organisers look at; a result is a few hundred kB in memory. */
const CAPACITY = 32;

/**
 * The stored results of tally snapshots, by snapshot id, kept in memory once read. A snapshot never changes
 * (the database refuses updates; new inputs make a new snapshot with a new id), so a kept result can never
 * be stale, whichever instance wrote or reads it; only the most recently used ones are kept. The results
 * are frozen: every reader shares them.
 */
@Injectable()
export class SnapshotResults {
  private readonly kept = new Map<string, TallyResult>();

  async of(manager: EntityManager, snapshotIds: readonly string[]): Promise<Map<string, TallyResult>> {
    const missing = snapshotIds.filter((id) => !this.kept.has(id));
    if (missing.length) {
      const rows = await manager.query<{ id: string; result: TallyResult }[]>(
        `SELECT id, result FROM tally_snapshots WHERE id = ANY($1::uuid[])`,
        [missing],
      );
      for (const row of rows) this.keep(row.id, deepFreeze(row.result));
    }
    const found = new Map<string, TallyResult>();
    for (const id of snapshotIds) {
      const result = this.kept.get(id);
      if (!result) continue;
      this.keep(id, result); // most recently used last
      found.set(id, result);
    }
    return found;
  }

  private keep(id: string, result: TallyResult): void {
    this.kept.delete(id);
    this.kept.set(id, result);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= CAPACITY) break;
      this.kept.delete(oldest);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
