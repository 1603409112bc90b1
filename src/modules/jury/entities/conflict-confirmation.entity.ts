import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A juror's declaration that their list of conflicts in an edition is complete. */
@Entity('conflict_confirmations')
export class ConflictConfirmation {
  @PrimaryColumn({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @PrimaryColumn({ name: 'juror_id', type: 'uuid' })
  jurorId!: string;

  @CreateDateColumn({ name: 'confirmed_at', type: 'timestamptz' })
  confirmedAt!: Date;
}
