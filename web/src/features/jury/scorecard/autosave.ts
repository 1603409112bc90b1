import {
  type Marks,
  type Scorecard,
  fetchScorecard,
  saveScorecard,
  submitScorecard,
} from '../../../api/scorecards';
import { type ApiError, isApiError } from '../../../api/problem';
import { refreshSession } from '../../../api/session';
import { clearLocalMarks, type LocalMarks, readLocalMarks, sameMarks, writeLocalMarks } from './local-marks';

/** Why the scorecard can no longer be written (the server's refusal codes, or a nomination gone). */
export type LockReason =
  'round_closed' | 'judging_not_open' | 'wrong_phase' | 'conflicts_not_confirmed' | 'gone';

export type SaveState =
  /** Nothing changed since the scorecard was read. */
  | { kind: 'idle' }
  /** Changes waiting for their save or on their way. */
  | { kind: 'saving' }
  | { kind: 'saved' }
  /** The last save failed for a reason that passes (network, session, server); the marks are kept here. */
  | { kind: 'retrying'; reason: 'network' | 'session' | 'server'; retryAt: number }
  /** The scorecard changed elsewhere (another tab or device): the juror chooses which version stays. */
  | { kind: 'conflict'; theirs: Scorecard }
  | { kind: 'locked'; reason: LockReason }
  /** Refused for good (invalid marks): shown, not retried. */
  | { kind: 'refused'; error: ApiError };

export interface AutosaveSnapshot {
  marks: Marks;
  /** The scorecard as the server last confirmed it. */
  server: Scorecard;
  state: SaveState;
  /** Marks exist that the server has not confirmed. */
  unsaved: boolean;
  /** The marks shown were restored from this browser (unsaved when the page was last closed). */
  restored: boolean;
}

const DEBOUNCE_MS = 400;
/** Waits between attempts after a failure: soon at first, then no more than every 5 s. */
const BACKOFF_MS = [1_000, 2_000, 3_000, 5_000];

const LOCKS: Record<string, LockReason> = {
  'rounds.closed': 'round_closed',
  'scorecards.judging_not_open': 'judging_not_open',
  'editions.wrong_phase': 'wrong_phase',
  'conflicts.not_confirmed': 'conflicts_not_confirmed',
};

export interface AutosaveOptions {
  roundId: string;
  nominationId: string;
  storageKey: string;
  /** The criteria codes: a submitted scorecard whose marks are all there is saved as submitted. */
  criteria: string[];
  onSaved?: (scorecard: Scorecard) => void;
}

function marksOf(scorecard: Scorecard): Marks {
  return { scores: { ...scorecard.scores }, comment: scorecard.comment };
}

/**
 * Every change of the marks reaches the server, with the version last read (If-Match), one request at a time;
 * until it has, the marks are kept in this browser (localStorage), and a failure that passes is retried with
 * backoff until the save lands. A version changed elsewhere stops the saving and shows both versions:
 * nothing is overwritten silently.
 */
export class ScorecardAutosave {
  private snapshot: AutosaveSnapshot;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  private attempt = 0;
  private disposed = false;
  private readonly waiters: { resolve: (saved: boolean) => void }[] = [];

  constructor(
    private readonly options: AutosaveOptions,
    server: Scorecard,
  ) {
    const stored = readLocalMarks(options.storageKey);
    const fromServer = marksOf(server);
    if (!stored || sameMarks(stored.marks, fromServer)) {
      if (stored) clearLocalMarks(options.storageKey);
      this.snapshot = { marks: fromServer, server, state: { kind: 'idle' }, unsaved: false, restored: false };
    } else if (stored.baseVersion === server.version) {
      // Unsaved marks from the last visit, made on what the server still has: send them.
      this.snapshot = {
        marks: stored.marks,
        server,
        state: { kind: 'saving' },
        unsaved: true,
        restored: true,
      };
      this.schedule(0);
    } else {
      // Unsaved marks, but the scorecard has changed elsewhere since: the juror chooses.
      this.snapshot = {
        marks: stored.marks,
        server,
        state: { kind: 'conflict', theirs: server },
        unsaved: true,
        restored: true,
      };
    }
  }

  /** The screen shows the scorecard: restored marks go to the server now. */
  start(): void {
    this.disposed = false;
    if (this.snapshot.unsaved && this.snapshot.state.kind === 'saving') this.schedule(0);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): AutosaveSnapshot => this.snapshot;

  private publish(changes: Partial<AutosaveSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...changes };
    for (const listener of this.listeners) listener();
  }

  private get writable(): boolean {
    const { kind } = this.snapshot.state;
    return kind !== 'locked' && kind !== 'conflict';
  }

  /** The juror changed a mark or the comment. */
  change(marks: Marks): void {
    if (!this.writable) return;
    const record: LocalMarks = {
      marks,
      baseVersion: this.snapshot.server.version,
      changedAt: new Date().toISOString(),
    };
    writeLocalMarks(this.options.storageKey, record);
    this.publish({ marks, unsaved: true, state: { kind: 'saving' } });
    this.attempt = 0;
    this.schedule(DEBOUNCE_MS);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.send(), delay);
  }

  /** Try again now (the browser came back online, or the juror asked). */
  retryNow(): void {
    if (this.snapshot.state.kind === 'retrying') this.schedule(0);
  }

  private send(): Promise<void> {
    this.inFlight ??= this.sendOnce().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async sendOnce(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.writable || !this.snapshot.unsaved) return this.settle();
    const marks = this.snapshot.marks;
    const server = this.snapshot.server;
    const complete = this.options.criteria.every((code) => code in marks.scores);
    // A submitted scorecard changed with every mark still there stays submitted; otherwise a draft.
    const write = server.status === 'submitted' && complete ? submitScorecard : saveScorecard;
    try {
      const saved = await write(this.options.roundId, this.options.nominationId, marks, server.version);
      this.attempt = 0;
      this.options.onSaved?.(saved);
      const current = this.snapshot.marks;
      if (sameMarks(current, marks)) {
        clearLocalMarks(this.options.storageKey, marks);
        this.publish({ server: saved, unsaved: false, state: { kind: 'saved' } });
        return this.settle();
      }
      // Changed while the save was on its way: the newer marks go next, on the new version.
      writeLocalMarks(this.options.storageKey, {
        marks: current,
        baseVersion: saved.version,
        changedAt: new Date().toISOString(),
      });
      this.publish({ server: saved });
      if (!this.disposed) this.schedule(DEBOUNCE_MS);
      else await this.sendOnce();
    } catch (error) {
      await this.failed(error);
    }
  }

  private async failed(error: unknown): Promise<void> {
    const problem = isApiError(error) ? error.problem : undefined;
    if (problem?.code === 'request.stale_version') {
      try {
        const theirs = await fetchScorecard(this.options.roundId, this.options.nominationId);
        if (sameMarks(marksOf(theirs), this.snapshot.marks)) {
          // Elsewhere the same marks were saved: nothing to choose.
          clearLocalMarks(this.options.storageKey);
          this.publish({ server: theirs, unsaved: false, state: { kind: 'saved' } });
        } else this.publish({ state: { kind: 'conflict', theirs } });
        return this.settle();
      } catch (readError) {
        return this.failed(readError);
      }
    }
    const lock = problem ? LOCKS[problem.code] : undefined;
    if (lock || problem?.status === 404) {
      this.publish({ state: { kind: 'locked', reason: lock ?? 'gone' } });
      return this.settle();
    }
    if (
      problem &&
      problem.status >= 400 &&
      problem.status < 500 &&
      ![401, 408, 429].includes(problem.status)
    ) {
      this.publish({ state: { kind: 'refused', error: error as ApiError } });
      return this.settle();
    }
    const reason =
      !problem || problem.status === 0 ? 'network' : problem.status === 401 ? 'session' : 'server';
    // A session that cannot be renewed signs the juror out: the sign-in brings them back here, marks restored.
    if (reason === 'session') void refreshSession();
    const wait = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)]!;
    this.attempt++;
    this.publish({ state: { kind: 'retrying', reason, retryAt: Date.now() + wait } });
    if (!this.disposed) this.schedule(wait);
    else this.settle();
  }

  /** Resolves the callers of `flush` once nothing is waiting to be sent. */
  private settle(): void {
    const saved = !this.snapshot.unsaved;
    for (const waiter of this.waiters.splice(0)) waiter.resolve(saved);
  }

  /**
   * Sends what is waiting now and resolves once the server has it (true), or once it cannot for now
   * (false: a conflict, a lock, a refusal, or the first failed attempt — the retries go on).
   */
  async flush(): Promise<boolean> {
    if (!this.snapshot.unsaved) return true;
    if (!this.writable) return false;
    const settled = new Promise<boolean>((resolve) => this.waiters.push({ resolve }));
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.send();
    if (!this.snapshot.unsaved) return true;
    if (this.snapshot.state.kind !== 'saving') return false;
    return settled;
  }

  /** Submits the marks shown (every criterion scored), after any save on its way. */
  async submit(): Promise<Scorecard> {
    clearTimeout(this.timer);
    if (this.inFlight) await this.inFlight;
    if (!this.writable) throw new Error('The scorecard cannot be submitted now');
    const marks = this.snapshot.marks;
    try {
      const saved = await submitScorecard(
        this.options.roundId,
        this.options.nominationId,
        marks,
        this.snapshot.server.version,
      );
      this.options.onSaved?.(saved);
      clearLocalMarks(this.options.storageKey, marks);
      const unsaved = !sameMarks(this.snapshot.marks, marks);
      this.publish({ server: saved, unsaved, state: { kind: 'saved' } });
      if (unsaved) this.schedule(DEBOUNCE_MS);
      return saved;
    } catch (error) {
      const problem = isApiError(error) ? error.problem : undefined;
      // A refusal of the write itself is reported by the autosave's own states; the caller shows the error.
      if (problem?.code === 'request.stale_version' || (problem && LOCKS[problem.code]))
        await this.failed(error);
      throw error;
    }
  }

  /** The juror's choice after a conflict: keep their marks (written over the other version) or take the other. */
  resolve(choice: 'mine' | 'theirs'): void {
    const { state } = this.snapshot;
    if (state.kind !== 'conflict') return;
    if (choice === 'theirs') {
      clearLocalMarks(this.options.storageKey);
      this.publish({
        marks: marksOf(state.theirs),
        server: state.theirs,
        unsaved: false,
        state: { kind: 'saved' },
      });
      return;
    }
    this.publish({ server: state.theirs, unsaved: true, state: { kind: 'saving' } });
    writeLocalMarks(this.options.storageKey, {
      marks: this.snapshot.marks,
      baseVersion: state.theirs.version,
      changedAt: new Date().toISOString(),
    });
    this.attempt = 0;
    this.schedule(0);
  }

  /** The round closed (learned from elsewhere): nothing more is written. */
  lock(reason: LockReason): void {
    clearTimeout(this.timer);
    this.publish({ state: { kind: 'locked', reason } });
  }

  /** The screen goes away: what is waiting is sent once now; anything still unsaved stays in this browser. */
  dispose(): void {
    this.disposed = true;
    const pending = this.timer !== undefined && this.snapshot.unsaved && this.writable;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (pending && !this.inFlight) void this.send();
  }
}
