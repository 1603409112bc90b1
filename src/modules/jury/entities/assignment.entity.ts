import { CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** Juror × nomination × round: what a juror is asked to score. */
@Entity('assignments')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Index('ix_assignments_juror', ['jurorId', 'roundId'])
@Index('ix_assignments_nomination', ['nominationId'])
@ForeignKey('users', ['jurorId'], ['id'], { name: 'assignments_juror_id_fkey', onDelete: 'CASCADE' })
@ForeignKey('nominations', ['nominationId'], ['id'], {
  name: 'assignments_nomination_id_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey('rounds', ['roundId'], ['id'], { name: 'assignments_round_id_fkey', onDelete: 'CASCADE' })
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
