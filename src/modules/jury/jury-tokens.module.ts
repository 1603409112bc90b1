import { Global, Module } from '@nestjs/common';
import { MembershipConflicts } from '../companies/membership-conflicts.js';
import { EditionReminders } from '../editions/edition-reminders.js';
import { JuryMembershipConflicts } from './membership-conflicts.provider.js';
import { ReminderScheduler } from './reminders/reminder-scheduler.js';
import { RemindersModule } from './reminders/reminders.module.js';

/**
 * What the jury does for modules it depends on (editions, companies), behind tokens those modules define:
 * they call the jury without importing it, so no import circle runs through the jury. Global for that reason
 * only; it exports nothing else.
 */
@Global()
@Module({
  imports: [RemindersModule],
  providers: [
    { provide: EditionReminders, useExisting: ReminderScheduler },
    JuryMembershipConflicts,
    { provide: MembershipConflicts, useExisting: JuryMembershipConflicts },
  ],
  exports: [EditionReminders, MembershipConflicts],
})
export class JuryTokensModule {}
