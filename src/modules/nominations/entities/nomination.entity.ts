import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

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

/** A company's entry in one category of one edition. */
@Entity('nominations')
export class Nomination {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @Column({ name: 'category_id', type: 'uuid' })
  categoryId!: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId!: string;

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
