import type { EntityManager } from 'typeorm';
import type { OptionalTopic } from './entities/notification-opt-out.entity.js';

/**
 * The notifications module's typed reads for other modules, so that their SQL does not name the
 * `notification_opt_outs` table.
 */

/** Which of `userIds` have turned `topic` off. */
export async function optedOut(
  manager: EntityManager,
  userIds: readonly string[],
  topic: OptionalTopic,
): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await manager.query<{ userId: string }[]>(
    `SELECT user_id AS "userId" FROM notification_opt_outs WHERE user_id = ANY($1::uuid[]) AND topic = $2`,
    [[...new Set(userIds)], topic],
  );
  return new Set(rows.map((row) => row.userId));
}
