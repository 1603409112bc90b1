import { Module } from '@nestjs/common';
import { HousekeepingHandler } from './housekeeping.handler.js';
import { Housekeeping } from './housekeeping.service.js';

/** Sweeps the technical tables that would otherwise only grow (see `Housekeeping`), hourly, on the workers. */
@Module({ providers: [Housekeeping, HousekeepingHandler], exports: [Housekeeping] })
export class HousekeepingModule {}
