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
import type { Locale } from '../../../common/auth/roles.js';
import type { CompanyRole } from './company-member.entity.js';

/**
 * An owner's invitation of someone by e-mail. The mailed token, presented by a signed-in user with the
 * invited e-mail address, turns it into a membership. Pending while neither accepted, revoked nor expired;
 * a resend replaces the token (the old link dies) and mails it again in the invitation's language.
 */
@Entity('company_invitations')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_company_invitations_hash', ['tokenHash'])
@Index('uq_company_invitations_pending', ['companyId', 'email'], {
  unique: true,
  where: `accepted_at IS NULL AND revoked_at IS NULL`,
})
@Check('company_invitations_email_check', `email = lower(email)`)
@Check('company_invitations_role_check', `role IN ('owner', 'member')`)
@Check('company_invitations_locale_check', `locale IN ('en', 'ru', 'kk', 'de')`)
@Check('company_invitations_sends_check', `sends >= 1`)
@ForeignKey('users', ['acceptedUserId'], ['id'], {
  name: 'company_invitations_accepted_user_id_fkey',
  onDelete: 'SET NULL',
})
@ForeignKey('companies', ['companyId'], ['id'], {
  name: 'company_invitations_company_id_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey('users', ['invitedBy'], ['id'], { name: 'company_invitations_invited_by_fkey' })
export class CompanyInvitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', default: 'member' })
  role!: CompanyRole;

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
