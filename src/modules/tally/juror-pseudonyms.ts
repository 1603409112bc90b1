import { createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { first } from '../../common/checked-index.js';

/** "J-" and 16 hex digits (64 bits): collisions among an edition's jurors are out of reach. */
const PSEUDONYM_HEX = 16;

export function pseudonymOf(key: Buffer, jurorId: string): string {
  return `J-${createHmac('sha256', key).update(jurorId).digest('hex').slice(0, PSEUDONYM_HEX)}`;
}

/**
 * Per-edition juror pseudonyms: an HMAC of the juror id under a random key kept per edition, so the same
 * juror has the same pseudonym throughout one edition (manifest and scoresheet agree) and unrelated ones in
 * different editions, and nobody without the key can tell which juror hides behind a pseudonym.
 */
@Injectable()
export class JurorPseudonyms {
  /** The edition's pseudonym function; creates the key on first use (concurrent first uses agree). */
  async forEdition(manager: EntityManager, editionId: string): Promise<(jurorId: string) => string> {
    await manager.query(
      `INSERT INTO juror_pseudonym_keys (edition_id, key) VALUES ($1, $2) ON CONFLICT (edition_id) DO NOTHING`,
      [editionId, randomBytes(32)],
    );
    // The row exists: inserted just above, or already there.
    const { key } = first(
      await manager.query<{ key: Buffer }[]>(`SELECT key FROM juror_pseudonym_keys WHERE edition_id = $1`, [
        editionId,
      ]),
    );
    const cache = new Map<string, string>();
    return (jurorId) => {
      let pseudonym = cache.get(jurorId);
      if (pseudonym === undefined) {
        pseudonym = pseudonymOf(key, jurorId);
        cache.set(jurorId, pseudonym);
      }
      return pseudonym;
    };
  }
}
