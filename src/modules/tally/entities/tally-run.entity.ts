import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const TALLY_RUN_STATUSES = ['requested', 'running', 'succeeded', 'failed'] as const;
export type TallyRunStatus = (typeof TALLY_RUN_STATUSES)[number];

/**
 * One request to tally one category of a round (after closing it, or on demand), followed through its
 * job: organisers see a failed tally here with its error. A succeeded run points at its snapshot.
 */
@Entity('tally_runs')
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

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
