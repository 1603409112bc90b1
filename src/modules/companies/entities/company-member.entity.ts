import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export const COMPANY_ROLES = ['owner', 'member'] as const;
export type CompanyRole = (typeof COMPANY_ROLES)[number];

/** A user's membership of a company. Owners manage the members; every member writes nominations. */
@Entity('company_members')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Index('ix_company_members_user', ['userId', 'companyId'])
@Check('company_members_role_check', `role IN ('owner', 'member')`)
@ForeignKey('users', ['addedBy'], ['id'], { name: 'company_members_added_by_fkey', onDelete: 'SET NULL' })
@ForeignKey('companies', ['companyId'], ['id'], {
  name: 'company_members_company_id_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey('users', ['userId'], ['id'], { name: 'company_members_user_id_fkey', onDelete: 'CASCADE' })
export class CompanyMember {
  @PrimaryColumn({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  role!: CompanyRole;

  @Column({ name: 'added_by', type: 'uuid', nullable: true })
  addedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
