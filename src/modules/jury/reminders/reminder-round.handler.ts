import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../../queue/job-handler.js';
import type { JobPayloads } from '../../../queue/jobs.js';
import { Reminders } from './reminders.service.js';

@Injectable()
@HandlesJob('reminder.round')
export class ReminderRoundHandler implements JobHandler<'reminder.round'> {
  constructor(private readonly reminders: Reminders) {}

  async handle(payload: JobPayloads['reminder.round']): Promise<void> {
    await this.reminders.remind(payload);
  }
}
