import { CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A juror's declaration that their list of conflicts in an edition is complete. */
@Entity('conflict_confirmations')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@ForeignKey('editions', ['editionId'], ['id'], {
  name: 'conflict_confirmations_edition_id_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey('users', ['jurorId'], ['id'], {
  name: 'conflict_confirmations_juror_id_fkey',
  onDelete: 'CASCADE',
})
export class ConflictConfirmation {
  @PrimaryColumn({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @PrimaryColumn({ name: 'juror_id', type: 'uuid' })
  jurorId!: string;

  @CreateDateColumn({ name: 'confirmed_at', type: 'timestamptz' })
  confirmedAt!: Date;
}
