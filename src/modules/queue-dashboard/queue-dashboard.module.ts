import { Module } from '@nestjs/common';
import { QueueDashboard } from './queue-dashboard.js';
import { QueueDashboardController } from './queue-dashboard.controller.js';
import { QueueDashboardSessions } from './queue-dashboard-sessions.js';

/**
 * The organisers' view of every queue (bull-board under /admin/queues) and its tickets. A feature module, not
 * part of src/queue: it checks sessions (auth's `SessionRevocations`, from the global auth module), and the
 * queue layer must stay below auth, which enqueues mail through it.
 */
@Module({
  controllers: [QueueDashboardController],
  providers: [QueueDashboard, QueueDashboardSessions],
})
export class QueueDashboardModule {}
