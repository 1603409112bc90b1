import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One login: the family of refresh tokens rotated from it. Revoking it ends all of them and its access tokens. */
@Entity('auth_sessions')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Index('ix_auth_sessions_revoked_at', ['revokedAt'], { where: `revoked_at IS NOT NULL` })
@Index('ix_auth_sessions_user_active', ['userId'], { where: `revoked_at IS NULL` })
@ForeignKey('users', ['userId'], ['id'], { name: 'auth_sessions_user_id_fkey', onDelete: 'CASCADE' })
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Absolute end of the session, however often it is refreshed. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason!: string | null;
}
