import { Global, Module } from '@nestjs/common';
import { ReminderRoundHandler } from './jobs/reminder-round.handler.js';
import { ReminderSweepHandler } from './jobs/reminder-sweep.handler.js';
import { SendNotificationHandler } from './jobs/send-notification.handler.js';
import { MailTransport } from './mail-transport.js';
import { NotificationLog } from './notification-log.service.js';
import { NotificationPreferencesController, NotificationsController } from './notifications.controller.js';
import { Notifications } from './notifications.service.js';
import { OptOuts } from './opt-outs.service.js';
import { ReminderScheduler } from './reminders/reminder-scheduler.js';
import { Reminders } from './reminders/reminders.service.js';
import { UnsubscribeLinks } from './unsubscribe-links.js';

/**
 * Every mail the award sends (recorded once per event and recipient, delivered through the outbox and the
 * `notifications` queue), scoring reminders and unsubscribing from what is optional. Global: every module may
 * `notify` or schedule a round's reminders.
 */
@Global()
@Module({
  controllers: [NotificationsController, NotificationPreferencesController],
  providers: [
    Notifications,
    MailTransport,
    SendNotificationHandler,
    NotificationLog,
    OptOuts,
    UnsubscribeLinks,
    Reminders,
    ReminderScheduler,
    ReminderRoundHandler,
    ReminderSweepHandler,
  ],
  exports: [Notifications, ReminderScheduler, OptOuts],
})
export class NotificationsModule {}
