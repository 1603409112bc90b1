import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export const TALLY_RUN_STATUSES = ['requested', 'running', 'succeeded', 'failed'] as const;
export type TallyRunStatus = (typeof TALLY_RUN_STATUSES)[number];

/**
 * One request to tally one category of a round (after closing it, or on demand), followed through its
 * job: organisers see a failed tally here with its error. A succeeded run points at its snapshot.
 */
@Entity('tally_runs')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Index('ix_tally_runs_round_category', ['roundId', 'categoryId', 'requestedAt'])
@Index('ix_tally_runs_snapshot', ['snapshotId'])
@Check('ck_tally_runs_finished', `(status IN ('succeeded', 'failed')) = (finished_at IS NOT NULL)`)
@Check('ck_tally_runs_snapshot', `(status = 'succeeded') = (snapshot_id IS NOT NULL)`)
@Check('tally_runs_attempts_check', `attempts >= 0`)
@Check('tally_runs_error_check', `length(error) <= 2000`)
@Check('tally_runs_status_check', `status IN ('requested', 'running', 'succeeded', 'failed')`)
@ForeignKey('categories', ['categoryId'], ['id'], {
  name: 'tally_runs_category_id_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey('editions', ['editionId'], ['id'], { name: 'tally_runs_edition_id_fkey', onDelete: 'CASCADE' })
@ForeignKey('users', ['requestedBy'], ['id'], { name: 'tally_runs_requested_by_fkey', onDelete: 'SET NULL' })
@ForeignKey('rounds', ['roundId'], ['id'], { name: 'tally_runs_round_id_fkey', onDelete: 'CASCADE' })
@ForeignKey('tally_snapshots', ['snapshotId'], ['id'], {
  name: 'tally_runs_snapshot_id_fkey',
  onDelete: 'CASCADE',
})
export class TallyRun {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @Column({ name: 'category_id', type: 'uuid' })
  categoryId!: string;

  @Column({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @Column({ type: 'text', default: 'requested' })
  status!: TallyRunStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** The last attempt's error; kept while a retry is pending. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'snapshot_id', type: 'uuid', nullable: true })
  snapshotId!: string | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
