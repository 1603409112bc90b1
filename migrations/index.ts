import { Foundation1764316800000 } from './1764316800000-Foundation.js';
import { Editions1764316900000 } from './1764316900000-Editions.js';
import { Nominations1764317000000 } from './1764317000000-Nominations.js';
import { Jury1764317100000 } from './1764317100000-Jury.js';
import { Tally1764317200000 } from './1764317200000-Tally.js';
import { Notifications1764317300000 } from './1764317300000-Notifications.js';
import { AttachmentFiles1764317400000 } from './1764317400000-AttachmentFiles.js';
import { LateConflicts1764317500000 } from './1764317500000-LateConflicts.js';
import { DurableRevocations1764317600000 } from './1764317600000-DurableRevocations.js';
import { NotificationClaims1764317700000 } from './1764317700000-NotificationClaims.js';
import { ShortlistAnnouncement1764317800000 } from './1764317800000-ShortlistAnnouncement.js';
import { UserTimeZone1764317900000 } from './1764317900000-UserTimeZone.js';
import { ScorecardWriteRule1764318100000 } from './1764318100000-ScorecardWriteRule.js';
import { UserDirectory1764318200000 } from './1764318200000-UserDirectory.js';
import { OwnerReadViews1764318300000 } from './1764318300000-OwnerReadViews.js';
import { TallyReadViews1764318400000 } from './1764318400000-TallyReadViews.js';
import { CompanyInvitationRevocation1764318500000 } from './1764318500000-CompanyInvitationRevocation.js';
import { InvitationRevocation1764318700000 } from './1764318700000-InvitationRevocation.js';
import { ManualReminders1764318800000 } from './1764318800000-ManualReminders.js';
import { TermsAcceptance1764319000000 } from './1764319000000-TermsAcceptance.js';
import { SigningKeys1764319100000 } from './1764319100000-SigningKeys.js';
import { PublicationScheduledFrom1764319200000 } from './1764319200000-PublicationScheduledFrom.js';
import { ConsoleListIndexes1764319300000 } from './1764319300000-ConsoleListIndexes.js';
import { JuryAnalytics1764319400000 } from './1764319400000-JuryAnalytics.js';
import { CalibrationEntries1764319500000 } from './1764319500000-CalibrationEntries.js';
import { PublishJuryStatistics1764319700000 } from './1764319700000-PublishJuryStatistics.js';
import { SampleEntries1764319800000 } from './1764319800000-SampleEntries.js';
import { StoredJuryStatistics1764319900000 } from './1764319900000-StoredJuryStatistics.js';
import { TallyInputChanges1764320000000 } from './1764320000000-TallyInputChanges.js';

// Every migration, in order. `npm run migration:generate` writes a new file; review it, then add its class here.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [
  Foundation1764316800000,
  Editions1764316900000,
  Nominations1764317000000,
  Jury1764317100000,
  Tally1764317200000,
  Notifications1764317300000,
  AttachmentFiles1764317400000,
  LateConflicts1764317500000,
  DurableRevocations1764317600000,
  NotificationClaims1764317700000,
  ShortlistAnnouncement1764317800000,
  UserTimeZone1764317900000,
  ScorecardWriteRule1764318100000,
  UserDirectory1764318200000,
  OwnerReadViews1764318300000,
  TallyReadViews1764318400000,
  CompanyInvitationRevocation1764318500000,
  InvitationRevocation1764318700000,
  ManualReminders1764318800000,
  TermsAcceptance1764319000000,
  SigningKeys1764319100000,
  PublicationScheduledFrom1764319200000,
  ConsoleListIndexes1764319300000,
  JuryAnalytics1764319400000,
  CalibrationEntries1764319500000,
  PublishJuryStatistics1764319700000,
  SampleEntries1764319800000,
  StoredJuryStatistics1764319900000,
  TallyInputChanges1764320000000,
];
