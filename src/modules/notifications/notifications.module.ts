import { Global, Module } from '@nestjs/common';
import { SendNotificationHandler } from './jobs/send-notification.handler.js';
import { MailTransport } from './mail-transport.js';
import { Notifications } from './notifications.service.js';

@Global()
@Module({
  providers: [Notifications, MailTransport, SendNotificationHandler],
  exports: [Notifications],
})
export class NotificationsModule {}
