import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

export type ScorecardStatus = 'draft' | 'submitted';

/** One juror's scores for one nomination in one round: an integer per criterion code. */
@Entity('scorecards')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_scorecards_round_nomination_juror', ['roundId', 'nominationId', 'jurorId'])
@Index('ix_scorecards_juror', ['jurorId', 'roundId'])
@Index('ix_scorecards_round_status', ['roundId', 'status'])
@Check('ck_scorecards_submitted', `(status = 'submitted') = (submitted_at IS NOT NULL)`)
@Check('scorecards_comment_check', `length(comment) <= 5000`)
@Check('scorecards_scores_check', `jsonb_typeof(scores) = 'object'`)
@Check('scorecards_status_check', `status IN ('draft', 'submitted')`)
@ForeignKey('users', ['jurorId'], ['id'], { name: 'scorecards_juror_id_fkey', onDelete: 'CASCADE' })
@ForeignKey('nominations', ['nominationId'], ['id'], {
  name: 'scorecards_nomination_id_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey('rounds', ['roundId'], ['id'], { name: 'scorecards_round_id_fkey', onDelete: 'CASCADE' })
export class Scorecard {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @Column({ name: 'nomination_id', type: 'uuid' })
  nominationId!: string;

  @Column({ name: 'juror_id', type: 'uuid' })
  jurorId!: string;

  @Column({ type: 'text', default: 'draft' })
  status!: ScorecardStatus;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  scores!: Record<string, number>;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /** Optimistic concurrency: checked in the UPDATE's WHERE, exposed as the ETag. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
