import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The HMAC key behind an edition's juror pseudonyms. Never leaves the server. */
@Entity('juror_pseudonym_keys')
export class JurorPseudonymKey {
  @PrimaryColumn({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @Column({ type: 'bytea' })
  key!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
