import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type PublicationStatus = 'scheduled' | 'published';

/**
 * The release of an edition's final results: scheduled for `releaseAt` (an embargo) or published. Once
 * published it holds the exact public documents (results and manifest) that the cache serves.
 */
@Entity('publications')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_publications_edition', ['editionId'])
@Check(
  'ck_publications_published',
  `(status = 'published') = ((published_at IS NOT NULL) AND (manifest IS NOT NULL) AND (manifest_sha256 IS NOT NULL) AND (results IS NOT NULL))`,
)
@Check('publications_last_error_check', `length(last_error) <= 2000`)
@Check('publications_manifest_sha256_check', `manifest_sha256 ~ '^[0-9a-f]{64}$'`)
@Check('publications_status_check', `status IN ('scheduled', 'published')`)
@Check('publications_scheduled_from_check', `scheduled_from IN ('tallying', 'results_ready')`)
@ForeignKey('editions', ['editionId'], ['id'], { name: 'publications_edition_id_fkey', onDelete: 'CASCADE' })
@ForeignKey('users', ['requestedBy'], ['id'], {
  name: 'publications_requested_by_fkey',
  onDelete: 'SET NULL',
})
@ForeignKey('rounds', ['roundId'], ['id'], { name: 'publications_round_id_fkey', onDelete: 'CASCADE' })
export class Publication {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'edition_id', type: 'uuid' })
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

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
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

  /**
   * The edition's phase when the release was first scheduled: a cancellation puts it back (scheduling from
   * `tallying` moved it to `results_ready`). Null on rows published at once or scheduled before it was kept.
   */
  @Column({ name: 'scheduled_from', type: 'text', nullable: true })
  scheduledFrom!: 'tallying' | 'results_ready' | null;
}
