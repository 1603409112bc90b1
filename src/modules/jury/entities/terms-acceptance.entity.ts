import { CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A juror's acceptance of the terms and confidentiality of an edition. */
@Entity('terms_acceptances')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@ForeignKey('editions', ['editionId'], ['id'], {
  name: 'terms_acceptances_edition_id_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey('users', ['jurorId'], ['id'], {
  name: 'terms_acceptances_juror_id_fkey',
  onDelete: 'CASCADE',
})
export class TermsAcceptance {
  @PrimaryColumn({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @PrimaryColumn({ name: 'juror_id', type: 'uuid' })
  jurorId!: string;

  @CreateDateColumn({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt!: Date;
}
