import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TallyResult } from '../arithmetic/tally.js';

/**
 * The computed ranking of one category in one round for one set of inputs (SHA-256 `inputsDigest`).
 * Immutable: the database refuses updates; a changed input makes another snapshot.
 */
@Entity('tally_snapshots')
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
