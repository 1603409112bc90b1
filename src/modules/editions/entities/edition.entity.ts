import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const PHASES = [
  'draft',
  'nominations',
  'eligibility',
  'judging',
  'tallying',
  'results_ready',
  'published',
  'archived',
] as const;
export type Phase = (typeof PHASES)[number];

export const SCORING_METHODS = ['mean', 'trimmed_mean', 'zscore'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];

/** numeric(3,2) thresholds: two decimals, so a JavaScript number holds them exactly enough to compare. */
const DECIMAL_NUMBER = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** `median`, `top_marks` or `criterion:<code>`. */
export type TieBreaker = string;

/** One season of an award ("Magistral Awards 2025"). */
@Entity('editions')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_editions_slug', ['slug'])
@Check(
  'ck_editions_embargo',
  `(results_embargo_until IS NULL) OR (results_embargo_until >= judging_close_at)`,
)
@Check(
  'ck_editions_timeline',
  `(nominations_open_at < nominations_close_at) AND (nominations_close_at <= judging_open_at) AND (judging_open_at < judging_close_at)`,
)
@Check(
  'editions_max_nominations_per_company_per_category_check',
  `max_nominations_per_company_per_category >= 1`,
)
@Check('editions_min_scorecards_check', `min_scorecards >= 1`)
@Check('ck_editions_min_juror_agreement', `min_juror_agreement BETWEEN -1 AND 1`)
@Check('ck_editions_max_juror_leniency_sigma', `max_juror_leniency_sigma > 0`)
@Check(
  'editions_phase_check',
  `phase IN ('draft', 'nominations', 'eligibility', 'judging', 'tallying', 'results_ready', 'published', 'archived')`,
)
@Check('editions_reminder_lead_hours_check', `reminder_lead_hours >= 0`)
@Check('editions_scoring_method_check', `scoring_method IN ('mean', 'trimmed_mean', 'zscore')`)
@Check('editions_slug_check', `slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
export class Edition {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: 'draft' })
  phase!: Phase;

  @Column({ name: 'nominations_open_at', type: 'timestamptz' })
  nominationsOpenAt!: Date;

  @Column({ name: 'nominations_close_at', type: 'timestamptz' })
  nominationsCloseAt!: Date;

  @Column({ name: 'judging_open_at', type: 'timestamptz' })
  judgingOpenAt!: Date;

  @Column({ name: 'judging_close_at', type: 'timestamptz' })
  judgingCloseAt!: Date;

  @Column({ name: 'results_embargo_until', type: 'timestamptz', nullable: true })
  resultsEmbargoUntil!: Date | null;

  @Column({ name: 'scoring_method', type: 'text', default: 'mean' })
  scoringMethod!: ScoringMethod;

  @Column({ name: 'tie_breakers', type: 'text', array: true, default: () => "'{}'" })
  tieBreakers!: TieBreaker[];

  @Column({ name: 'min_scorecards', type: 'int', default: 3 })
  minScorecards!: number;

  @Column({ name: 'max_nominations_per_company_per_category', type: 'int', default: 3 })
  maxNominationsPerCompanyPerCategory!: number;

  /** Jurors never learn which company is behind an entry. */
  @Column({ type: 'boolean', default: false })
  blind!: boolean;

  /**
   * A juror sees their own deviation from the panel's median on the round's calibration entries once they
   * have submitted all of theirs (issue 17); off by default.
   */
  @Column({ name: 'calibration_feedback', type: 'boolean', default: false })
  calibrationFeedback!: boolean;

  /**
   * The published manifest and results page state each category's Krippendorff's alpha and whether its
   * winner is fragile (issue 17); off by default, fixed once judging opens.
   */
  @Column({ name: 'publish_jury_statistics', type: 'boolean', default: false })
  publishJuryStatistics!: boolean;

  /** How long before a round closes jurors who are behind are reminded. */
  @Column({ name: 'reminder_lead_hours', type: 'int', default: 72 })
  reminderLeadHours!: number;

  /** A juror whose agreement with the others is below this is flagged (jury analytics). */
  @Column({
    name: 'min_juror_agreement',
    type: 'numeric',
    precision: 3,
    scale: 2,
    // As PostgreSQL prints the default back; a number would be compared as '0.3' (schema-drift test).
    default: () => '0.3',
    transformer: DECIMAL_NUMBER,
  })
  minJurorAgreement!: number;

  /** A juror whose leniency or severity exceeds this many σ of the pool is flagged (jury analytics). */
  @Column({
    name: 'max_juror_leniency_sigma',
    type: 'numeric',
    precision: 3,
    scale: 2,
    default: 1,
    transformer: DECIMAL_NUMBER,
  })
  maxJurorLeniencySigma!: number;

  @VersionColumn({ default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
