import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RoundStatus = 'open' | 'closed';

/** A judging round of an edition ("shortlist", then "final"). Closing it freezes its scorecards. */
@Entity('rounds')
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
