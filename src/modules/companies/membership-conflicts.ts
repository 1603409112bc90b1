import type { EntityManager } from 'typeorm';

/** A membership taken by a user who judges: what the jury recorded of it. */
export interface MembershipDuringJudging {
  /** Late conflicts the membership made (the user had scored the company's nominations), audited already. */
  late: { id: string; editionId: string; scorecards: string[] }[];
  /** Editions in which the user sits on a panel while judging is under way, sorted. */
  judging: string[];
}

/**
 * Conflicts of interest are the jury's concept, downstream of companies: a membership taken while its new
 * member judges is the jury's to record. The jury provides this token, so companies never imports it.
 */
export abstract class MembershipConflicts {
  /** Call in the transaction that added the membership, after adding it. */
  abstract membershipTaken(
    manager: EntityManager,
    change: { userId: string; companyId: string; via: string },
  ): Promise<MembershipDuringJudging>;
}
