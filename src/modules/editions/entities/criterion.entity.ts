import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LocalizedText } from './category.entity.js';

/** One scored aspect of a category. The weight is an exact decimal (string), never a float. */
@Entity('criteria')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_criteria_category_code', ['categoryId', 'code'])
@Check('ck_criteria_scale', `(scale_min >= 0) AND (scale_min < scale_max) AND (scale_max <= 100)`)
@Check('criteria_code_check', `code ~ '^[a-z0-9_]{2,40}$'`)
@Check('criteria_weight_check', `weight > (0)::numeric`)
@ForeignKey('categories', ['categoryId'], ['id'], { name: 'criteria_category_id_fkey', onDelete: 'CASCADE' })
export class Criterion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'category_id', type: 'uuid' })
  categoryId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'jsonb' })
  name!: LocalizedText;

  @Column({ type: 'jsonb' })
  description!: LocalizedText;

  /** numeric(9,4) > 0; read and written as a string. */
  @Column({ type: 'numeric', precision: 9, scale: 4 })
  weight!: string;

  @Column({ name: 'scale_min', type: 'int', default: 0 })
  scaleMin!: number;

  @Column({ name: 'scale_max', type: 'int', default: 10 })
  scaleMax!: number;

  @Column({ type: 'int', default: 0 })
  position!: number;
}
