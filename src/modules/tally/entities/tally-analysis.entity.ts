import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { CategoryAnalysis } from '../analytics/analysis.js';
import type { JuryStatistics } from '../analytics/jury-statistics.js';

/**
 * The jury analysis of one tally snapshot (agreement, juror figures), computed once by the tally job.
 * Immutable like its snapshot: the same inputs give the same analysis, so there is nothing to update.
 */
@Entity('tally_analyses')
// The constraints the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@ForeignKey('tally_snapshots', ['snapshotId'], ['id'], {
  name: 'tally_analyses_snapshot_id_fkey',
  onDelete: 'CASCADE',
})
export class TallyAnalysis {
  @PrimaryColumn({ name: 'snapshot_id', type: 'uuid' })
  snapshotId!: string;

  @Column({ type: 'jsonb' })
  analysis!: CategoryAnalysis;

  /**
   * The jury statistics a manifest of this snapshot states (published-statistics.ts), where the edition
   * publishes them; null where it does not, or for a snapshot analysed before they were stored.
   */
  @Column({ name: 'jury_statistics', type: 'jsonb', nullable: true })
  juryStatistics!: JuryStatistics | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
