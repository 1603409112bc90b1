import { Global, Module } from '@nestjs/common';
import { Clock } from './clock.js';

/** Provides the one `Clock` to every module (tests replace it with overrideProvider(Clock)). */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
