import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ReminderRoundHandler } from './jobs/reminder-round.handler.js';
import { ReminderSweepHandler } from './jobs/reminder-sweep.handler.js';
import { SendNotificationHandler } from './jobs/send-notification.handler.js';
import { MailTransport } from './mail-transport.js';
import { NotificationLog } from './notification-log.service.js';
import { NotificationPreferencesController, NotificationsController } from './notifications.controller.js';
import { Notifications } from './notifications.service.js';
import { OptOuts } from './opt-outs.service.js';
import { QueueDashboard } from './queue-dashboard.js';
import { QueueDashboardController } from './queue-dashboard.controller.js';
import { QueueDashboardSessions } from './queue-dashboard-sessions.js';
import { ReminderScheduler } from './reminders/reminder-scheduler.js';
import { Reminders } from './reminders/reminders.service.js';
import { UnsubscribeLinks } from './unsubscribe-links.js';

/**
 * Every mail the award sends (recorded once per event and recipient, delivered through the outbox and the
 * `notifications` queue), scoring reminders, unsubscribing from what is optional, and the
 * queue dashboard. Global: every module may `notify`, or schedule a round's reminders.
 */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [NotificationsController, NotificationPreferencesController, QueueDashboardController],
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
    QueueDashboard,
    QueueDashboardSessions,
  ],
  exports: [Notifications, ReminderScheduler],
})
export class NotificationsModule {}
