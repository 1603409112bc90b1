import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The HMAC key behind an edition's juror pseudonyms. Never leaves the server. */
@Entity('juror_pseudonym_keys')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Check('juror_pseudonym_keys_key_check', `length(key) = 32`)
@ForeignKey('editions', ['editionId'], ['id'], {
  name: 'juror_pseudonym_keys_edition_id_fkey',
  onDelete: 'CASCADE',
})
export class JurorPseudonymKey {
  @PrimaryColumn({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @Column({ type: 'bytea' })
  key!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
