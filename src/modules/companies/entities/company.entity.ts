import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** An entrant organisation; its users are its members (`company_members`). */
@Entity('companies')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
// Two expression indexes, which TypeORM cannot describe (so it leaves them alone):
// CREATE INDEX ix_companies_name ON companies (lower(name))
@Index('ix_companies_name', { synchronize: false })
// CREATE UNIQUE INDEX uq_companies_country_registration ON companies (country, upper(registration_number))
@Index('uq_companies_country_registration', { synchronize: false })
@Check('companies_country_check', `country ~ '^[A-Z]{2}$'`)
@Check('companies_name_check', `(length(name) >= 1) AND (length(name) <= 200)`)
@Check(
  'companies_registration_number_check',
  `(length(registration_number) >= 1) AND (length(registration_number) <= 64)`,
)
@Check('companies_website_check', `length(website) <= 500`)
@ForeignKey('users', ['createdBy'], ['id'], { name: 'companies_created_by_fkey' })
export class Company {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** ISO 3166-1 alpha-2, upper case. */
  @Column({ type: 'char', length: 2 })
  country!: string;

  /** Unique within its country, regardless of case. Private: only members and organisers see it. */
  @Column({ name: 'registration_number', type: 'text' })
  registrationNumber!: string;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
