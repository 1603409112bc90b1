import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { generateSigningKey, signingKeyFrom, type SigningKey } from '../../config/signing-keys.js';
import { AppConfig } from '../../config/app-config.js';
import type { ResultsManifest } from './manifest.js';
import { SIGNATURE_ALGORITHM, signDigest, type PublishedKey } from './manifest-signature.js';

interface KeyRow {
  key_id: string;
  public_key: string;
  valid_from: Date;
  valid_until: Date | null;
}

/**
 * Signs published manifests with the platform's key (RESULTS_SIGNING_KEY, or one made for this process) and
 * keeps the public keys published: a key is recorded, in the publication's own transaction, the first time
 * it signs; retiring it ends its validity without touching what it signed before.
 */
@Injectable()
export class ResultsSigner {
  private readonly key: SigningKey;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.key = config.RESULTS_SIGNING_KEY
      ? signingKeyFrom(config.RESULTS_SIGNING_KEY)
      : generateSigningKey().key;
  }

  /** The manifest with its signature; records the key in `manager`'s transaction. */
  async sign(manager: EntityManager, manifest: ResultsManifest): Promise<ResultsManifest> {
    const [retired] = await manager.query<{ valid_until: Date | null }[]>(
      `WITH recorded AS (
         INSERT INTO signing_keys (key_id, algorithm, public_key, valid_from)
         VALUES ($1, $2, $3, LEAST(now(), $4::timestamptz))
         ON CONFLICT (key_id) DO NOTHING RETURNING valid_until)
       SELECT valid_until FROM recorded UNION ALL SELECT valid_until FROM signing_keys WHERE key_id = $1`,
      // A release that runs late is published at its embargo time: the key is valid from then.
      [this.key.keyId, SIGNATURE_ALGORITHM, this.key.publicKey, manifest.publishedAt ?? new Date()],
    );
    if (retired?.valid_until) {
      throw new Error(
        `The results signing key ${this.key.keyId} was retired: configure a new RESULTS_SIGNING_KEY (npm run cli -- keys:generate)`,
      );
    }
    return { ...manifest, signature: signDigest(manifest.sha256, this.key) };
  }

  /** Every key that ever signed, oldest first, as the well-known document lists them. */
  async publishedKeys(): Promise<PublishedKey[]> {
    const rows = await this.dataSource.query<KeyRow[]>(
      `SELECT key_id, public_key, valid_from, valid_until FROM signing_keys ORDER BY valid_from, key_id`,
    );
    return rows.map((row) => ({
      keyId: row.key_id,
      algorithm: SIGNATURE_ALGORITHM,
      publicKey: { kty: 'OKP', crv: 'Ed25519', x: row.public_key },
      validFrom: row.valid_from.toISOString(),
      validUntil: row.valid_until?.toISOString() ?? null,
    }));
  }

  /** Ends a key's validity now; false when no such key signed anything or it is already retired. */
  async retire(keyId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      // As a SELECT: the driver answers an UPDATE with [rows, count] rather than the rows.
      `WITH retired AS (
         UPDATE signing_keys SET valid_until = now() WHERE key_id = $1 AND valid_until IS NULL RETURNING key_id)
       SELECT key_id FROM retired`,
      [keyId],
    );
    return rows.length > 0;
  }
}
