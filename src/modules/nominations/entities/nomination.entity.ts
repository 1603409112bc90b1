import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const NOMINATION_STATUSES = [
  'draft',
  'submitted',
  'eligible',
  'ineligible',
  'shortlisted',
  'finalist',
  'winner',
  'withdrawn',
] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

/** A key figure of the entry, as a typed number with its unit ("CO₂ saved", 1250.5, "t"). */
export interface NominationMetric {
  name: string;
  value: number;
  unit: string;
}

/**
 * A company's entry in one category of one edition, or a sample entry: one an organiser wrote for a round's
 * calibration (issue 17), with no company, that never competes (migration SampleEntries).
 */
@Entity('nominations')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Index('ix_nominations_category', ['categoryId'])
@Index('ix_nominations_company', ['companyId', 'categoryId', 'status'])
@Index('ix_nominations_created', ['createdAt', 'id'])
@Index('ix_nominations_edition_category_status', ['editionId', 'categoryId', 'status'])
@Index('ix_nominations_edition_submitted', ['editionId', 'submittedAt', 'id'])
@Index('ix_nominations_status', ['status'])
@Index('ix_nominations_submitted', ['submittedAt', 'id'])
@Index('ix_nominations_title', ['title', 'id'])
@Index('ix_nominations_updated', ['updatedAt', 'id'])
@Index('nominations_shortlisted_in_round', ['shortlistedInRoundId'], {
  where: `shortlisted_in_round_id IS NOT NULL`,
})
@Check('ck_nominations_ineligible_reason', `(status <> 'ineligible') OR (ineligibility_reason IS NOT NULL)`)
@Check('ck_nominations_sample', `sample = (company_id IS NULL)`)
@Check('ck_nominations_sample_status', `(NOT sample) OR (status IN ('eligible', 'shortlisted'))`)
@Check('ck_nominations_submitted_at', `(status IN ('draft', 'withdrawn')) OR (submitted_at IS NOT NULL)`)
@Check('nominations_answers_check', `jsonb_typeof(answers) = 'object'`)
@Check('nominations_ineligibility_reason_check', `length(ineligibility_reason) <= 2000`)
@Check('nominations_metrics_check', `jsonb_typeof(metrics) = 'array'`)
@Check(
  'nominations_status_check',
  `status IN ('draft', 'submitted', 'eligible', 'ineligible', 'shortlisted', 'finalist', 'winner', 'withdrawn')`,
)
@Check('nominations_summary_check', `length(summary) <= 2000`)
@Check('nominations_title_check', `(length(title) >= 1) AND (length(title) <= 200)`)
@ForeignKey('categories', ['categoryId'], ['id'], { name: 'nominations_category_id_fkey' })
@ForeignKey('companies', ['companyId'], ['id'], { name: 'nominations_company_id_fkey' })
@ForeignKey('users', ['createdBy'], ['id'], { name: 'nominations_created_by_fkey' })
@ForeignKey('editions', ['editionId'], ['id'], { name: 'nominations_edition_id_fkey' })
@ForeignKey('users', ['eligibilityDecidedBy'], ['id'], { name: 'nominations_eligibility_decided_by_fkey' })
@ForeignKey('rounds', ['shortlistedInRoundId'], ['id'], {
  name: 'nominations_shortlisted_in_round_id_fkey',
  onDelete: 'SET NULL',
})
@ForeignKey('users', ['submittedBy'], ['id'], { name: 'nominations_submitted_by_fkey' })
export class Nomination {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @Column({ name: 'category_id', type: 'uuid' })
  categoryId!: string;

  /** NULL exactly for a sample entry. */
  @Column({ name: 'company_id', type: 'uuid', nullable: true })
  companyId!: string | null;

  /** Written by an organiser for calibration only: no company, never counted, never shown to entrants. */
  @Column({ type: 'boolean', default: false })
  sample!: boolean;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  summary!: string;

  /** Question code → answer text. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  answers!: Record<string, string>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  metrics!: NominationMetric[];

  @Column({ type: 'text', default: 'draft' })
  status!: NominationStatus;

  /** What entrants see instead of `shortlisted` until the round's shortlist is announced (shortlist-visibility.ts). */
  @Column({ name: 'status_before_shortlist', type: 'text', nullable: true })
  statusBeforeShortlist!: NominationStatus | null;

  /** The round whose advance shortlisted it; its shortlist announcement reveals the status. */
  @Column({ name: 'shortlisted_in_round_id', type: 'uuid', nullable: true })
  shortlistedInRoundId!: string | null;

  @Column({ name: 'ineligibility_reason', type: 'text', nullable: true })
  ineligibilityReason!: string | null;

  @Column({ name: 'eligibility_decided_at', type: 'timestamptz', nullable: true })
  eligibilityDecidedAt!: Date | null;

  @Column({ name: 'eligibility_decided_by', type: 'uuid', nullable: true })
  eligibilityDecidedBy!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  /** Bumped by every change; clients may send it back as `If-Match` to refuse lost updates. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A company's entry (not a sample): what every entrant-facing and organiser nomination route works on. */
export type CompanyNomination = Omit<Nomination, 'companyId' | 'sample'> & {
  companyId: string;
  sample: false;
};
