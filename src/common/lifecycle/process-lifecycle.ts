import type { Logger } from 'pino';
import { StartupError } from '../../config/startup-error.js';

export { StartupError };

/** What a process stops on a signal: a Nest application or application context, or anything that closes. */
export interface Stoppable {
  close(): Promise<void>;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * How a process (API, worker, CLI) starts and stops. On SIGTERM or SIGINT it closes what it runs and exits
 * 0; if closing takes longer than `timeoutMs` (PostgreSQL or Redis unreachable, a job that won't finish) it
 * exits 1 anyway, so an orchestrator never has to SIGKILL it. A second signal exits at once.
 *
 * Install it first thing, before anything connects: a signal during start-up (hung on a database that
 * does not answer) stops the process too.
 */
export class ProcessLifecycle {
  private target?: Stoppable;
  private stopping = false;
  private readonly onSignal = (signal: NodeJS.Signals): void => void this.stop(signal);

  constructor(
    readonly logger: Logger,
    private readonly timeoutMs: number,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  install(): this {
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
    return this;
  }

  /** What to close on a signal or a start-up failure; set as soon as it exists. */
  manage(target: Stoppable): void {
    this.target = target;
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    if (this.stopping) {
      this.logger.warn(`${signal} received again: exiting without waiting`);
      return this.exit(1);
    }
    this.stopping = true;
    this.logger.info(`${signal} received: stopping (at most ${this.timeoutMs / 1000} s)`);
    await this.closeAndExit(0);
  }

  /**
   * A start-up failure: one line (StartupError's message, or the error's own with its stack at debug level),
   * then whatever was started is closed and the process exits 1.
   */
  async fail(error: unknown): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (error instanceof StartupError) this.logger.fatal(error.message);
    else {
      this.logger.fatal(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
      this.logger.debug({ err: error }, 'Start-up failure');
    }
    await this.closeAndExit(1);
  }

  private async closeAndExit(code: number): Promise<void> {
    const deadline = setTimeout(() => {
      this.logger.error(
        `Did not stop within ${this.timeoutMs / 1000} s (SHUTDOWN_TIMEOUT_MS): exiting with connections still open`,
      );
      this.exit(1);
    }, this.timeoutMs);
    try {
      await this.target?.close();
    } catch (error) {
      this.logger.error({ err: error }, 'Error while stopping');
      code = 1;
    }
    clearTimeout(deadline);
    for (const signal of SIGNALS) process.off(signal, this.onSignal);
    // Explicitly: a reconnecting client or a stray timer must not keep a stopped process alive.
    this.exit(code);
  }
}
