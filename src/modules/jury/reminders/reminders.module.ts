import { Module } from '@nestjs/common';
import { ReminderRoundHandler } from './reminder-round.handler.js';
import { ReminderScheduler } from './reminder-scheduler.js';
import { ReminderSweepHandler } from './reminder-sweep.handler.js';
import { Reminders } from './reminders.service.js';

/**
 * Scoring reminders: the jury decides whom to remind and when (delayed `reminder.round` jobs per round and
 * slot, the repeating `reminder.sweep` as a safety net) and asks the notifications module only to mail.
 */
@Module({
  providers: [Reminders, ReminderScheduler, ReminderRoundHandler, ReminderSweepHandler],
  exports: [ReminderScheduler, Reminders],
})
export class RemindersModule {}
