import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Locale, Role } from '../../../common/auth/roles.js';

/**
 * An organiser's invitation of a juror or organiser, accepted once with the token mailed to them. Pending
 * while neither accepted, revoked nor expired; a resend replaces the token (the old link dies) and mails it
 * again in the invitation's language.
 */
@Entity('invitations')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_invitations_hash', ['tokenHash'])
@Check('invitations_email_check', `email = lower(email)`)
@Check('invitations_role_check', `role IN ('juror', 'organiser')`)
@Check('invitations_locale_check', `locale IN ('en', 'ru', 'kk', 'de')`)
@Check('invitations_sends_check', `sends >= 1`)
// (created_at DESC, id DESC): the console's list, newest first.
@Index('ix_invitations_created', { synchronize: false })
@ForeignKey('users', ['acceptedUserId'], ['id'], { name: 'invitations_accepted_user_id_fkey' })
@ForeignKey('users', ['invitedBy'], ['id'], { name: 'invitations_invited_by_fkey' })
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'invited_by', type: 'uuid' })
  invitedBy!: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'accepted_user_id', type: 'uuid', nullable: true })
  acceptedUserId!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** The language of its mails. */
  @Column({ type: 'text' })
  locale!: Locale;

  /** When its latest mail was sent: the resend cool-down counts from here. */
  @Column({ name: 'last_sent_at', type: 'timestamptz', default: () => 'now()' })
  lastSentAt!: Date;

  /** How many mails it has sent (1 + resends). */
  @Column({ type: 'integer', default: 1 })
  sends!: number;
}
