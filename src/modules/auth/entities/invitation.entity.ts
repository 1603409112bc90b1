import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Role } from '../../../common/auth/roles.js';

/** An organiser's invitation of a juror or organiser, accepted once with the token mailed to them. */
@Entity('invitations')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_invitations_hash', ['tokenHash'])
@Check('invitations_email_check', `email = lower(email)`)
@Check('invitations_role_check', `role IN ('juror', 'organiser')`)
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
}
