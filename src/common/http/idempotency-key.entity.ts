import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** The stored outcome of a creating request sent with an `Idempotency-Key`. */
@Entity('idempotency_keys')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Index('ix_idempotency_keys_created', ['createdAt'])
@Check('idempotency_keys_key_check', `(length(key) >= 1) AND (length(key) <= 255)`)
@ForeignKey('users', ['userId'], ['id'], { name: 'idempotency_keys_user_id_fkey', onDelete: 'CASCADE' })
export class IdempotencyKeyRecord {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  route!: string;

  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
