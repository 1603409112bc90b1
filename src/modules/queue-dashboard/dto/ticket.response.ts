import { ApiProperty } from '@nestjs/swagger';

export class QueueDashboardTicketResponse {
  @ApiProperty({
    format: 'uri',
    example: 'http://localhost:3000/admin/queues/enter?ticket=3q2-7wXy…',
    description: 'Open in a browser within 60 s; works once',
  })
  url!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}
