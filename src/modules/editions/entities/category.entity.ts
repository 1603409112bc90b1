import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Locale } from '../../../common/auth/roles.js';

/** Text in every language the platform speaks. */
export type LocalizedText = Record<Locale, string>;

/** A question every nomination of the category answers. */
export interface CategoryQuestion {
  code: string;
  prompt: LocalizedText;
  required: boolean;
  maxLength: number;
}

/** A prize inside an edition. */
@Entity('categories')
@Unique('uq_categories_edition_code', ['editionId', 'code'])
export class Category {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'jsonb' })
  name!: LocalizedText;

  @Column({ type: 'jsonb' })
  description!: LocalizedText;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  questions!: CategoryQuestion[];

  @Column({ type: 'int', default: 0 })
  position!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
