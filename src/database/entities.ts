import { Assignment } from '../modules/jury/entities/assignment.entity.js';
import { ConflictConfirmation } from '../modules/jury/entities/conflict-confirmation.entity.js';
import { TermsAcceptance } from '../modules/jury/entities/terms-acceptance.entity.js';
import { Conflict } from '../modules/jury/entities/conflict.entity.js';
import { PanelMember } from '../modules/jury/entities/panel-member.entity.js';
import { Round } from '../modules/jury/entities/round.entity.js';
import { Scorecard } from '../modules/scoring/entities/scorecard.entity.js';
import { AuditEntry } from '../modules/audit/entities/audit-entry.entity.js';
import { AuthSession } from '../modules/auth/entities/auth-session.entity.js';
import { Invitation } from '../modules/auth/entities/invitation.entity.js';
import { OneTimeToken } from '../modules/auth/entities/one-time-token.entity.js';
import { RefreshToken } from '../modules/auth/entities/refresh-token.entity.js';
import { Category } from '../modules/editions/entities/category.entity.js';
import { Company } from '../modules/companies/entities/company.entity.js';
import { CompanyInvitation } from '../modules/companies/entities/company-invitation.entity.js';
import { CompanyMember } from '../modules/companies/entities/company-member.entity.js';
import { IdempotencyKeyRecord } from '../common/http/idempotency-key.entity.js';
import { Attachment } from '../modules/nominations/entities/attachment.entity.js';
import { Nomination } from '../modules/nominations/entities/nomination.entity.js';
import { Criterion } from '../modules/editions/entities/criterion.entity.js';
import { Edition } from '../modules/editions/entities/edition.entity.js';
import { Notification } from '../modules/notifications/entities/notification.entity.js';
import { NotificationOptOut } from '../modules/notifications/entities/notification-opt-out.entity.js';
import { User } from '../modules/users/entities/user.entity.js';
import { OutboxMessage } from '../queue/outbox.entity.js';
import { JurorPseudonymKey } from '../modules/tally/entities/juror-pseudonym-key.entity.js';
import { TallyRun } from '../modules/tally/entities/tally-run.entity.js';
import { TallySnapshot } from '../modules/tally/entities/tally-snapshot.entity.js';
import { TallyAnalysis } from '../modules/tally/entities/tally-analysis.entity.js';
import { Publication } from '../modules/publication/entities/publication.entity.js';
import { SigningKeyRecord } from '../modules/publication/entities/signing-key.entity.js';

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
  NotificationOptOut,
  Edition,
  Category,
  Criterion,
  Company,
  CompanyMember,
  CompanyInvitation,
  Nomination,
  Attachment,
  IdempotencyKeyRecord,
  Round,
  PanelMember,
  Conflict,
  ConflictConfirmation,
  TermsAcceptance,
  Assignment,
  Scorecard,
  TallySnapshot,
  TallyAnalysis,
  TallyRun,
  JurorPseudonymKey,
  Publication,
  SigningKeyRecord,
];
