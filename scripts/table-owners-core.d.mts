// Types of scripts/table-owners-core.mjs for its unit test (src/database/table-owners.spec.ts).
export interface Mention {
  relation: string;
  line: number;
  kind: 'sql' | 'orm';
  /** INSERT INTO / UPDATE / DELETE FROM / TRUNCATE, or manager.insert|update|delete|save…(Entity, …) */
  write: boolean;
}
export interface Owners {
  tables: Record<string, string>;
  views?: Record<string, string>;
}
export function relationsCreatedBy(migrationSource: string): { tables: Set<string>; views: Set<string> };
export function moduleOf(path: string): string | null;
export function entitiesDeclaredIn(source: string): Map<string, string>;
export function findMentions(
  fileName: string,
  source: string,
  relations: Set<string>,
  entities?: Map<string, string>,
): Mention[];
export function judge(
  mentions: (Mention & { file: string })[],
  owners: Owners,
  baseline: Record<string, string[]>,
  relations: Set<string>,
): {
  byRelation: Map<string, Map<string, Map<string, number[]>>>;
  unowned: string[];
  violations: [string, string][];
  fresh: [string, string][];
  stale: [string, string][];
};
export function baselineOf(violations: [string, string][]): Record<string, string[]>;
