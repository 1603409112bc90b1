import { AuditEntry } from '../modules/audit/entities/audit-entry.entity.js';
import { AuthSession } from '../modules/auth/entities/auth-session.entity.js';
import { Invitation } from '../modules/auth/entities/invitation.entity.js';
import { OneTimeToken } from '../modules/auth/entities/one-time-token.entity.js';
import { RefreshToken } from '../modules/auth/entities/refresh-token.entity.js';
import { Category } from '../modules/editions/entities/category.entity.js';
import { Criterion } from '../modules/editions/entities/criterion.entity.js';
import { Edition } from '../modules/editions/entities/edition.entity.js';
import { Notification } from '../modules/notifications/entities/notification.entity.js';
import { User } from '../modules/users/entities/user.entity.js';
import { OutboxMessage } from '../queue/outbox.entity.js';

// Every entity, listed once: an explicit list works the same under ts-jest, tsc output and the CLI.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ENTITIES: Function[] = [
  User,
  AuthSession,
  RefreshToken,
  OneTimeToken,
  Invitation,
  AuditEntry,
  OutboxMessage,
  Notification,
  Edition,
  Category,
  Criterion,
];
