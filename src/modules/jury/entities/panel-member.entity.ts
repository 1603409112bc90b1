import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A juror on the panel of one category. */
@Entity('panel_members')
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
