import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ConflictSource = 'declared' | 'organiser';

/**
 * A recorded conflict of interest between a juror and a company in an edition. Automatic conflicts
 * (membership, declared employer) are derived, not stored.
 */
@Entity('conflicts')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Index('ix_conflicts_juror', ['jurorId', 'editionId'], { where: `removed_at IS NULL` })
@Index('uq_conflicts_active', ['editionId', 'jurorId', 'companyId'], {
  unique: true,
  where: `removed_at IS NULL`,
})
@Check('conflicts_reason_check', `(length(reason) >= 1) AND (length(reason) <= 2000)`)
@Check('conflicts_source_check', `source IN ('declared', 'organiser')`)
@ForeignKey('companies', ['companyId'], ['id'], { name: 'conflicts_company_id_fkey', onDelete: 'CASCADE' })
@ForeignKey('users', ['createdBy'], ['id'], { name: 'conflicts_created_by_fkey' })
@ForeignKey('editions', ['editionId'], ['id'], { name: 'conflicts_edition_id_fkey', onDelete: 'CASCADE' })
@ForeignKey('users', ['jurorId'], ['id'], { name: 'conflicts_juror_id_fkey', onDelete: 'CASCADE' })
@ForeignKey('users', ['removedBy'], ['id'], { name: 'conflicts_removed_by_fkey' })
export class Conflict {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @Column({ name: 'juror_id', type: 'uuid' })
  jurorId!: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId!: string;

  @Column({ type: 'text' })
  source!: ConflictSource;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @Column({ name: 'removed_by', type: 'uuid', nullable: true })
  removedBy!: string | null;
}
