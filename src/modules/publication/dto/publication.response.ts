import { ApiProperty } from '@nestjs/swagger';
import type { PublicationView } from '../publication.service.js';

export class PublicationResponse implements PublicationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  editionId!: string;

  @ApiProperty({ enum: ['scheduled', 'published'] })
  status!: 'scheduled' | 'published';

  @ApiProperty({ type: String, format: 'date-time', description: 'When the results are (or were) released' })
  releaseAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt!: Date | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    description: 'SHA-256 (hex) of the sealed manifest; null until published',
  })
  manifestSha256!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the last scheduled release failed' })
  lastError!: string | null;
}
