import { Global, Module } from '@nestjs/common';
import { SendNotificationHandler } from './jobs/send-notification.handler.js';
import { MailTransport } from './mail-transport.js';
import { NotificationLog } from './notification-log.service.js';
import { NotificationPreferencesController, NotificationsController } from './notifications.controller.js';
import { Notifications } from './notifications.service.js';
import { OptOuts } from './opt-outs.service.js';
import { UnsubscribeLinks } from './unsubscribe-links.js';

/**
 * Every mail the award sends (recorded once per event and recipient, delivered through the outbox and the
 * `notifications` queue) and unsubscribing from what is optional. Global: every module may `notify`. Whom to
 * remind and when is the jury's (`jury/reminders`); this module only composes and delivers.
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
  ],
  exports: [Notifications, UnsubscribeLinks, OptOuts],
})
export class NotificationsModule {}
