import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { TallyResult } from '../arithmetic/tally.js';

/**
 * The computed ranking of one category in one round for one set of inputs (SHA-256 `inputsDigest`).
 * Immutable: the database refuses updates; a changed input makes another snapshot.
 */
@Entity('tally_snapshots')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_tally_snapshots_inputs', ['roundId', 'categoryId', 'inputsDigest'])
@Check('tally_snapshots_inputs_digest_check', `inputs_digest ~ '^[0-9a-f]{64}$'`)
@Check('tally_snapshots_scorecards_check', `scorecards >= 0`)
@ForeignKey('categories', ['categoryId'], ['id'], {
  name: 'tally_snapshots_category_id_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey('editions', ['editionId'], ['id'], {
  name: 'tally_snapshots_edition_id_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey('rounds', ['roundId'], ['id'], { name: 'tally_snapshots_round_id_fkey', onDelete: 'CASCADE' })
export class TallySnapshot {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @Column({ name: 'category_id', type: 'uuid' })
  categoryId!: string;

  @Column({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @Column({ name: 'inputs_digest', type: 'char', length: 64 })
  inputsDigest!: string;

  @Column({ type: 'text' })
  algorithm!: string;

  /** Counted scorecards that went in. */
  @Column({ type: 'int' })
  scorecards!: number;

  @Column({ type: 'jsonb' })
  result!: TallyResult;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
