import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type OneTimePurpose = 'verify_email' | 'password_reset' | 'unlock_account';

/** E-mail verification, password reset and account unlock tokens: stored hashed, single-use, expiring. */
@Entity('one_time_tokens')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_one_time_tokens_hash', ['tokenHash'])
@Check('one_time_tokens_purpose_check', `purpose IN ('verify_email', 'password_reset', 'unlock_account')`)
@ForeignKey('users', ['userId'], ['id'], { name: 'one_time_tokens_user_id_fkey', onDelete: 'CASCADE' })
export class OneTimeToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  purpose!: OneTimePurpose;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
