import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../queue/job-handler.js';
import { Housekeeping } from './housekeeping.service.js';

@Injectable()
@HandlesJob('housekeeping.sweep')
export class HousekeepingHandler implements JobHandler<'housekeeping.sweep'> {
  constructor(private readonly housekeeping: Housekeeping) {}

  async handle(): Promise<void> {
    await this.housekeeping.sweep();
  }
}
