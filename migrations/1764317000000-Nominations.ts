import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Companies and their members, nominations with their attachments, and stored Idempotency-Key outcomes. */
export class Nominations1764317000000 implements MigrationInterface {
  name = 'Nominations1764317000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE companies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        registration_number text NOT NULL CHECK (length(registration_number) BETWEEN 1 AND 64),
        website text CHECK (length(website) <= 500),
        created_by uuid NOT NULL REFERENCES users(id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Registration numbers are compared without regard to case: "hrb 123" and "HRB 123" are one company.
    await q.query(
      `CREATE UNIQUE INDEX uq_companies_country_registration ON companies (country, upper(registration_number))`,
    );
    await q.query(`CREATE INDEX ix_companies_name ON companies (lower(name))`);
    await q.query(`
      CREATE TABLE company_members (
        company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'member')),
        added_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_company_members PRIMARY KEY (company_id, user_id)
      )`);
    await q.query(`CREATE INDEX ix_company_members_user ON company_members (user_id, company_id)`);
    // Someone without an account, invited by an owner: becomes a member by accepting with the mailed token.
    await q.query(`
      CREATE TABLE company_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member')),
        invited_by uuid NOT NULL REFERENCES users(id),
        token_hash text NOT NULL CONSTRAINT uq_company_invitations_hash UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_user_id uuid REFERENCES users(id) ON DELETE SET NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_company_invitations_pending ON company_invitations (company_id, email) WHERE accepted_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE nominations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id),
        category_id uuid NOT NULL REFERENCES categories(id),
        company_id uuid NOT NULL REFERENCES companies(id),
        created_by uuid NOT NULL REFERENCES users(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
        answers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
        metrics jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(metrics) = 'array'),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'eligible', 'ineligible', 'shortlisted', 'finalist', 'winner', 'withdrawn')),
        ineligibility_reason text CHECK (length(ineligibility_reason) <= 2000),
        eligibility_decided_at timestamptz,
        eligibility_decided_by uuid REFERENCES users(id),
        submitted_at timestamptz,
        submitted_by uuid REFERENCES users(id),
        withdrawn_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_nominations_ineligible_reason CHECK (status <> 'ineligible' OR ineligibility_reason IS NOT NULL),
        CONSTRAINT ck_nominations_submitted_at CHECK (status IN ('draft', 'withdrawn') OR submitted_at IS NOT NULL)
      )`);
    // The list's filters and sort keys; an entrant's view starts from the company.
    await q.query(`CREATE INDEX ix_nominations_created ON nominations (created_at, id)`);
    await q.query(`CREATE INDEX ix_nominations_updated ON nominations (updated_at, id)`);
    await q.query(`CREATE INDEX ix_nominations_submitted ON nominations (submitted_at, id)`);
    await q.query(`CREATE INDEX ix_nominations_title ON nominations (title, id)`);
    await q.query(
      `CREATE INDEX ix_nominations_edition_category_status ON nominations (edition_id, category_id, status)`,
    );
    await q.query(`CREATE INDEX ix_nominations_category ON nominations (category_id)`);
    await q.query(`CREATE INDEX ix_nominations_status ON nominations (status)`);
    await q.query(`CREATE INDEX ix_nominations_company ON nominations (company_id, category_id, status)`);
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        nomination_id uuid NOT NULL REFERENCES nominations(id) ON DELETE CASCADE,
        original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
        stored_name text NOT NULL CONSTRAINT uq_attachments_stored_name UNIQUE CHECK (stored_name ~ '^[a-z0-9-]+\\.(pdf|png|jpg)$'),
        media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_attachments_nomination ON attachments (nomination_id, created_at)`);
    // One row per (user, key): inserted in the creating transaction, so a concurrent retry waits for it and replays.
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        route text NOT NULL,
        request_hash char(64) NOT NULL,
        response_status int,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE attachments`);
    await q.query(`DROP TABLE nominations`);
    await q.query(`DROP TABLE company_invitations`);
    await q.query(`DROP TABLE company_members`);
    await q.query(`DROP TABLE companies`);
  }
}
