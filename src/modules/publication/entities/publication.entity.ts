import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type PublicationStatus = 'scheduled' | 'published';

/**
 * The release of an edition's final results: scheduled for `releaseAt` (an embargo) or published. Once
 * published it holds the exact public documents (results and manifest) that the cache serves.
 */
@Entity('publications')
export class Publication {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'edition_id', type: 'uuid', unique: true })
  editionId!: string;

  /** The final round whose results are published. */
  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @Column({ type: 'text' })
  status!: PublicationStatus;

  /** Nothing is public before this moment, by the server clock. */
  @Column({ name: 'release_at', type: 'timestamptz' })
  releaseAt!: Date;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Canonical JSON, stored as text so the served bytes (and their ETag) never change. */
  @Column({ type: 'text', nullable: true })
  manifest!: string | null;

  @Column({ name: 'manifest_sha256', type: 'char', length: 64, nullable: true })
  manifestSha256!: string | null;

  @Column({ type: 'text', nullable: true })
  results!: string | null;

  /** Why the last release attempt failed (a scheduled release whose tally went stale, for instance). */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
