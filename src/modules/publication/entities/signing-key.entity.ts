import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A public key that signed results manifests, published with its validity (never a private key). */
@Entity('signing_keys')
// The constraints the migration creates, by their names (test/schema-drift.e2e-spec.ts).
@Unique('signing_keys_public_key_key', ['publicKey'])
@Check('signing_keys_key_id_check', `key_id ~ '^[0-9a-f]{16}$'`)
@Check('signing_keys_algorithm_check', `algorithm = 'Ed25519'`)
@Check('signing_keys_public_key_check', `public_key ~ '^[A-Za-z0-9_-]{43}$'`)
@Check('ck_signing_keys_validity', `valid_until IS NULL OR valid_until >= valid_from`)
export class SigningKeyRecord {
  /** The first 16 hex digits of the SHA-256 of the raw public key. */
  @PrimaryColumn({ name: 'key_id', type: 'text' })
  keyId!: string;

  @Column({ type: 'text' })
  algorithm!: 'Ed25519';

  /** base64url of the raw 32-byte key (a JWK's `x`). */
  @Column({ name: 'public_key', type: 'text' })
  publicKey!: string;

  /** When it first signed. */
  @Column({ name: 'valid_from', type: 'timestamptz', default: () => 'now()' })
  validFrom!: Date;

  /** When it was retired; manifests it signed before stay valid. */
  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true })
  validUntil!: Date | null;
}
