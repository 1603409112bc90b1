/**
 * A sealed audit chain as the platform wrote it before audit actions became a typed union, with the hashes it
 * stored then (computed apart from the platform's code: sorted-key JSON, SHA-256). Its actions are legacy
 * spellings: the chain must keep verifying however the names of new entries evolve.
 */
export interface StoredAuditEntry {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  editionId: string | null;
  data: Record<string, unknown>;
  contentHash: string;
  prevHash: string;
  hash: string;
}

const EDITION = '7d3c1f0e-2b4a-4c5d-8e6f-0a1b2c3d4e5f';
const ORGANISER = '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';

const rows: Omit<StoredAuditEntry, 'seq' | 'prevHash'>[] = [
  {
    occurredAt: '2026-11-20T09:00:00.000Z',
    actorId: null,
    action: 'users.organiser_created',
    entityType: 'user',
    entityId: ORGANISER,
    editionId: null,
    data: { email: 'first@example.org', via: 'cli' },
    contentHash: 'db805833a8aea99d1bc0cbf8e035bb129c7954ebb561b2b2e0b62e924d78632a',
    hash: 'dcab12f88f8a97fb4818bf98a58f971efe56b806e30ce6b4be972cf3b04fd248',
  },
  {
    occurredAt: '2026-11-20T09:01:00.000Z',
    actorId: ORGANISER,
    action: 'editions.created',
    entityType: 'edition',
    entityId: EDITION,
    editionId: EDITION,
    data: { slug: 'awards-2026' },
    contentHash: 'bf208cf96c15ca919e502d57c9dccf430e4686311806441c87b3f2647edc96de',
    hash: '72feb2d15c1016ffb7cab3a4e2627e0454f8c2806382a2738f9e3ee0243fb9d5',
  },
  {
    occurredAt: '2026-11-20T09:02:00.000Z',
    actorId: ORGANISER,
    action: 'categories.created',
    entityType: 'edition',
    entityId: EDITION,
    editionId: EDITION,
    data: { codes: ['BEST', 'NEW'] },
    contentHash: 'f69eec565d6d2cc3f8f2c28efba88c3de9e90368e01f9ba2c422151dadf22156',
    hash: '82ff597c64aa900c13e28494b386dd661c566a88c8ef41b2198b0ee3b9315584',
  },
  {
    occurredAt: '2026-11-20T09:03:00.000Z',
    actorId: ORGANISER,
    action: 'editions.phase_changed',
    entityType: 'edition',
    entityId: EDITION,
    editionId: EDITION,
    data: { from: 'draft', to: 'nominations' },
    contentHash: '34e6936a902a80335fd728b60e2cede6708d18a5ebd0ac2c9dc09985dcf691e8',
    hash: '1ec372eba84173996e1cac22bc133339590228db64a75688f31e91f73a03520b',
  },
  {
    occurredAt: '2026-11-20T09:04:00.000Z',
    actorId: ORGANISER,
    action: 'assignments.auto',
    entityType: 'round',
    entityId: EDITION,
    editionId: EDITION,
    data: { added: 12 },
    contentHash: '9b865495b8bf62c024b93ddb14ceb84a378857b8f27e8ce00461cd1a2b30c555',
    hash: '670560adfeb9fed980b1021d6a6d46fd95e6d36f5b0bf422e4e15d3681fd5b9a',
  },
  {
    occurredAt: '2026-11-20T09:05:00.000Z',
    actorId: null,
    action: 'conflict.awaiting_decision',
    entityType: 'late_conflict',
    entityId: EDITION,
    editionId: EDITION,
    data: { scorecards: 2 },
    contentHash: '59897f5f08b3ff53ee18bb0f6df3da82590a303dea70d3685cb3010521c02ba9',
    hash: '3b2532c23f9219351c53982bdc44811fa882b90e4551331bd3eb08f928a8d3a5',
  },
];

export const LEGACY_AUDIT_CHAIN: StoredAuditEntry[] = rows.map((row, i) => ({
  ...row,
  seq: i + 1,
  prevHash: i === 0 ? '0'.repeat(64) : rows[i - 1]!.hash,
}));
