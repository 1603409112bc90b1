import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One entry of the append-only audit log. Entries land unsealed (`seq`, `prevHash`, `hash` null) inside
 * their writer's transaction; the sealer chains them shortly after, in commit order.
 */
@Entity('audit_log')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_audit_log_seq', ['seq'])
@Index('ix_audit_log_action', ['action', 'id'])
@Index('ix_audit_log_actor', ['actorId', 'id'], { where: `actor_id IS NOT NULL` })
@Index('ix_audit_log_edition', ['editionId', 'id'], { where: `edition_id IS NOT NULL` })
@Index('ix_audit_log_edition_action', ['editionId', 'action', 'id'], { where: `edition_id IS NOT NULL` })
@Index('ix_audit_log_entity', ['entityType', 'entityId'])
// CREATE INDEX ix_audit_log_unsealed ON audit_log (xid, id) WHERE seq IS NULL: on the xid8 column, a type
// TypeORM does not know, so the entity can list neither the column nor the index's columns.
@Index('ix_audit_log_unsealed', { synchronize: false })
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId!: string | null;

  @Column({ name: 'edition_id', type: 'uuid', nullable: true })
  editionId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  @Column({ name: 'content_hash', type: 'text' })
  contentHash!: string;

  @Column({ type: 'bigint', nullable: true })
  seq!: string | null;

  @Column({ name: 'prev_hash', type: 'text', nullable: true })
  prevHash!: string | null;

  @Column({ type: 'text', nullable: true })
  hash!: string | null;
}
