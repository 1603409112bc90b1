import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
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
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_categories_edition_code', ['editionId', 'code'])
@Check('categories_code_check', `code ~ '^[a-z0-9_]{2,40}$'`)
@ForeignKey('editions', ['editionId'], ['id'], { name: 'categories_edition_id_fkey', onDelete: 'CASCADE' })
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
