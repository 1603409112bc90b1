import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type RoundStatus = 'open' | 'closed';

/** A judging round of an edition ("shortlist", then "final"). Closing it freezes its scorecards. */
@Entity('rounds')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_rounds_edition_number', ['editionId', 'number'])
@Check('ck_rounds_closed', `(status = 'closed') = (closed_at IS NOT NULL)`)
@Check('rounds_number_check', `number >= 1`)
@Check('rounds_status_check', `status IN ('open', 'closed')`)
@ForeignKey('editions', ['editionId'], ['id'], { name: 'rounds_edition_id_fkey', onDelete: 'CASCADE' })
@ForeignKey('users', ['shortlistAnnouncedBy'], ['id'], { name: 'rounds_shortlist_announced_by_fkey' })
export class Round {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: 'open' })
  status!: RoundStatus;

  /** When scoring is due; reminders are scheduled from it. */
  @Column({ name: 'closes_at', type: 'timestamptz', nullable: true })
  closesAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** When an organiser announced the shortlist this round's advance made (entrants see it from then on). */
  @Column({ name: 'shortlist_announced_at', type: 'timestamptz', nullable: true })
  shortlistAnnouncedAt!: Date | null;

  @Column({ name: 'shortlist_announced_by', type: 'uuid', nullable: true })
  shortlistAnnouncedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
