import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobContext, type JobHandler } from '../../../queue/job-handler.js';
import type { JobPayloads } from '../../../queue/jobs.js';
import { TallyService } from '../tally.service.js';

@Injectable()
@HandlesJob('tally.category')
export class TallyCategoryHandler implements JobHandler<'tally.category'> {
  constructor(private readonly tally: TallyService) {}

  handle(payload: JobPayloads['tally.category'], context: JobContext): Promise<void> {
    return this.tally.runJob(payload, context);
  }
}
