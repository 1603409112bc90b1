import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public keys that signed published results manifests (issue 17). A key is recorded the first time it
 * signs and stays published with its validity after it is retired, so manifests signed before keep verifying.
 * Only public keys: the private key lives in the configuration (or in a process's memory), never here.
 */
export class SigningKeys1764319100000 implements MigrationInterface {
  name = 'SigningKeys1764319100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signing_keys (
        key_id text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{16}$'),
        algorithm text NOT NULL CHECK (algorithm = 'Ed25519'),
        public_key text NOT NULL UNIQUE CHECK (public_key ~ '^[A-Za-z0-9_-]{43}$'),
        valid_from timestamptz NOT NULL DEFAULT now(),
        valid_until timestamptz,
        CONSTRAINT ck_signing_keys_validity CHECK (valid_until IS NULL OR valid_until >= valid_from)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE signing_keys`);
  }
}
