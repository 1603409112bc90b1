import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../../queue/job-handler.js';
import type { JobPayloads } from '../../../queue/jobs.js';
import { PublicationService } from '../publication.service.js';

@Injectable()
@HandlesJob('publication.release')
export class PublicationReleaseHandler implements JobHandler<'publication.release'> {
  constructor(private readonly publication: PublicationService) {}

  handle(payload: JobPayloads['publication.release']): Promise<void> {
    return this.publication.release(payload);
  }
}
