import type { EntityManager } from 'typeorm';
import { Company } from './entities/company.entity.js';

/** The row type other modules use with these functions, so that they do not import the companies' entity. */
export type { Company } from './entities/company.entity.js';

/**
 * The companies module's typed reads for other modules (nominations), so that only this module's SQL names
 * the `companies` and `company_members` tables. Set-based queries elsewhere join the views
 * `company_profiles` and `company_memberships` instead (migration OwnerReadViews).
 */

export function findCompanyOrFail(manager: EntityManager, id: string): Promise<Company> {
  return manager.findOneByOrFail(Company, { id });
}

/** Holds the company's row for update until the transaction ends: its nomination submits queue behind it. */
export async function lockCompany(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`SELECT 1 FROM companies WHERE id = $1 FOR UPDATE`, [id]);
}

/** What names a company: its name, website, registration number and its members' names. */
export interface CompanyIdentity {
  name: string;
  website: string | null;
  registrationNumber: string;
  memberNames: string[];
}

export async function companyIdentity(manager: EntityManager, companyId: string): Promise<CompanyIdentity> {
  const [row] = await manager.query<
    { name: string; website: string | null; registration_number: string; member_names: string[] }[]
  >(
    `SELECT c.name, c.website, c.registration_number,
            coalesce(array_agg(u.full_name) FILTER (WHERE u.id IS NOT NULL), '{}') AS member_names
       FROM companies c
       LEFT JOIN company_members m ON m.company_id = c.id
       LEFT JOIN user_directory u ON u.id = m.user_id
      WHERE c.id = $1
      GROUP BY c.id`,
    [companyId],
  );
  return {
    name: row!.name,
    website: row!.website,
    registrationNumber: row!.registration_number,
    memberNames: row!.member_names,
  };
}
