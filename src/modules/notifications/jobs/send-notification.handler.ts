import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobContext, type JobHandler } from '../../../queue/job-handler.js';
import type { JobPayloads } from '../../../queue/jobs.js';
import { Notifications } from '../notifications.service.js';

@Injectable()
@HandlesJob('notification.send')
export class SendNotificationHandler implements JobHandler<'notification.send'> {
  constructor(private readonly notifications: Notifications) {}

  async handle(payload: JobPayloads['notification.send'], context: JobContext): Promise<void> {
    await this.notifications.deliver(payload.notificationId, context);
  }
}
