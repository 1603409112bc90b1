import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A juror on the panel of one category. */
@Entity('panel_members')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Index('ix_panel_members_juror', ['jurorId', 'editionId'])
@ForeignKey('categories', ['categoryId'], ['id'], {
  name: 'panel_members_category_id_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey('editions', ['editionId'], ['id'], { name: 'panel_members_edition_id_fkey', onDelete: 'CASCADE' })
@ForeignKey('users', ['jurorId'], ['id'], { name: 'panel_members_juror_id_fkey', onDelete: 'CASCADE' })
export class PanelMember {
  @PrimaryColumn({ name: 'category_id', type: 'uuid' })
  categoryId!: string;

  @PrimaryColumn({ name: 'juror_id', type: 'uuid' })
  jurorId!: string;

  @Column({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
