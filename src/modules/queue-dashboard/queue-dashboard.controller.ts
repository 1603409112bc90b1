import { Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentCaller } from '../../common/auth/authenticated.decorator.js';
import type { Caller } from '../../common/auth/roles.js';
import { QueueDashboardTicketResponse } from './dto/ticket.response.js';
import { QueueDashboardSessions } from './queue-dashboard-sessions.js';

@ApiTags('notifications')
@Controller('queue-dashboard')
export class QueueDashboardController {
  constructor(private readonly sessions: QueueDashboardSessions) {}

  @Post('tickets')
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary:
      'A link that opens the queue dashboard (/admin/queues) in a browser: single use, valid 60 s; it leaves a 15-minute cookie for /admin/queues only',
  })
  @ApiCreatedResponse({ type: QueueDashboardTicketResponse })
  ticket(@CurrentCaller() caller: Caller): Promise<QueueDashboardTicketResponse> {
    return this.sessions.issueTicket(caller);
  }
}
