import { Injectable } from '@nestjs/common';

/**
 * The server's idea of now. Deadlines (nominations closing, embargoes) are judged by it, never by
 * `new Date()` scattered through services, so tests can move time with `set`/`advance`.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Tests only: pretend it is this moment. */
  set(moment: Date): void {
    this.offsetMs = moment.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
