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
import type { CompanyRole } from './company-member.entity.js';

/**
 * An owner's invitation of someone who has no account yet. The mailed token, presented by a signed-in user
 * with the invited e-mail address, turns it into a membership.
 */
@Entity('company_invitations')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_company_invitations_hash', ['tokenHash'])
@Index('uq_company_invitations_pending', ['companyId', 'email'], {
  unique: true,
  where: `accepted_at IS NULL`,
})
@Check('company_invitations_email_check', `email = lower(email)`)
@Check('company_invitations_role_check', `role IN ('owner', 'member')`)
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
}
