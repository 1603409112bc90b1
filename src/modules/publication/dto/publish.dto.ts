import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../../editions/dto/validation.js';

export class PublishDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Embargo: publish at this moment instead of now. Publishing again before then reschedules.',
  })
  @IsOptional()
  @IsInstant()
  at?: string;
}
