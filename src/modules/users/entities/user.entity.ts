import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { Locale, Role } from '../../../common/auth/roles.js';

@Entity('users')
// The constraints and indexes the migrations create, by their names (test/schema-drift.e2e-spec.ts).
@Unique('uq_users_email', ['email'])
@Check('users_email_check', `email = lower(email)`)
@Check('users_locale_check', `locale IN ('en', 'ru', 'kk', 'de')`)
@Check('users_roles_check', `(cardinality(roles) > 0) AND (roles <@ ARRAY['entrant', 'juror', 'organiser'])`)
@ForeignKey('companies', ['employerCompanyId'], ['id'], {
  name: 'users_employer_company_id_fkey',
  onDelete: 'SET NULL',
})
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased: addresses are unique regardless of case. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash!: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName!: string;

  @Column({ type: 'text', default: 'en' })
  locale!: Locale;

  /** IANA time zone the user reads dates in; null until chosen (the web app then uses the browser's). */
  @Column({ name: 'time_zone', type: 'text', nullable: true })
  timeZone!: string | null;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ name: 'failed_login_count', type: 'int', default: 0 })
  failedLoginCount!: number;

  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt!: Date | null;

  /** The company a juror declared as employer: a conflict of interest with it. */
  @Column({ name: 'employer_company_id', type: 'uuid', nullable: true })
  employerCompanyId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** What a user may see of their own account. */
export interface UserView {
  id: string;
  email: string;
  fullName: string;
  locale: Locale;
  roles: Role[];
  emailVerified: boolean;
  createdAt: string;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    locale: user.locale,
    roles: user.roles,
    emailVerified: user.emailVerifiedAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}
