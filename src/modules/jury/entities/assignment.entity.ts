import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Juror × nomination × round: what a juror is asked to score. */
@Entity('assignments')
export class Assignment {
  @PrimaryColumn({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @PrimaryColumn({ name: 'nomination_id', type: 'uuid' })
  nominationId!: string;

  @PrimaryColumn({ name: 'juror_id', type: 'uuid' })
  jurorId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
