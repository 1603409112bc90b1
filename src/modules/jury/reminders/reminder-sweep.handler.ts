import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../../queue/job-handler.js';
import { Reminders } from './reminders.service.js';

@Injectable()
@HandlesJob('reminder.sweep')
export class ReminderSweepHandler implements JobHandler<'reminder.sweep'> {
  constructor(private readonly reminders: Reminders) {}

  async handle(): Promise<void> {
    await this.reminders.sweep();
  }
}
