import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type ScorecardStatus = 'draft' | 'submitted';

/** One juror's scores for one nomination in one round: an integer per criterion code. */
@Entity('scorecards')
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
