import { type Caller, hasRole } from '../../common/auth/roles.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { EditionErrors } from './editions.errors.js';
import { type Edition, type Phase, PHASES } from './entities/edition.entity.js';

/**
 * What an edition's phase and timeline allow, in one place. Other modules (nominations, jury, scoring)
 * import these instead of comparing phases and dates themselves. Phases are what organisers declare; the
 * dates are what the server clock enforces on top of them, whatever the phase says.
 */

type EditionTimes = Pick<
  Edition,
  'phase' | 'nominationsOpenAt' | 'nominationsCloseAt' | 'judgingOpenAt' | 'judgingCloseAt'
>;

/** Throws 409 `editions.wrong_phase`, naming the current phase, unless the edition is in one of `allowed`. */
export function assertPhase(edition: Pick<Edition, 'phase'>, ...allowed: Phase[]): void {
  if (allowed.includes(edition.phase)) return;
  throw new DomainError(
    EditionErrors.wrongPhase,
    `The edition is in phase '${edition.phase}'; this needs ${allowed.map((p) => `'${p}'`).join(' or ')}.`,
    { currentPhase: edition.phase, allowedPhases: allowed },
  );
}

/** Entrants may create, edit and submit nominations: the phase says so and the clock agrees. */
export function nominationsOpen(edition: EditionTimes, now: Date): boolean {
  return (
    edition.phase === 'nominations' && edition.nominationsOpenAt <= now && now < edition.nominationsCloseAt
  );
}

/** Categories and criteria may still change: nobody can have scored against them yet. */
export function categoriesEditable(edition: EditionTimes, now: Date): boolean {
  return (
    (edition.phase === 'draft' || edition.phase === 'nominations' || edition.phase === 'eligibility') &&
    now < edition.judgingOpenAt
  );
}

/** Jurors may score: the phase is `judging` and the clock is inside the judging window. */
export function isJudgingOpen(edition: EditionTimes, now: Date): boolean {
  return edition.phase === 'judging' && edition.judgingOpenAt <= now && now < edition.judgingCloseAt;
}

/**
 * Judging has started or is behind us, by phase or by clock: from here on the rules that decide a ranking
 * (method, tie-breakers, minimum scorecards, blindness) and the criteria are fixed.
 */
export function judgingHasOpened(edition: EditionTimes, now: Date): boolean {
  return phaseIndex(edition.phase) >= phaseIndex('judging') || now >= edition.judgingOpenAt;
}

export function phaseIndex(phase: Phase): number {
  return PHASES.indexOf(phase);
}

/** The only phase an edition may move to next, or undefined once archived. */
export function nextPhase(phase: Phase): Phase | undefined {
  return PHASES[phaseIndex(phase) + 1];
}

/** `median`, `top_marks` or `criterion:<code>`, as SPEC.md's tally rule 4 names them. */
export const TIE_BREAKER_PATTERN = /^(median|top_marks|criterion:[a-z0-9_]{2,40})$/;

/** The criterion codes an edition's tie-breakers name, in order. */
export function tieBreakerCriteria(tieBreakers: readonly string[]): string[] {
  return tieBreakers.filter((t) => t.startsWith('criterion:')).map((t) => t.slice('criterion:'.length));
}

/**
 * Who may know an edition exists: organisers see drafts too; everyone else once it has left `draft`.
 * The one statement of that rule: lists filter by these phases, single reads check `editionVisibleTo`.
 */
export function visiblePhases(caller: Caller): readonly Phase[] {
  return hasRole(caller, 'organiser') ? PHASES : PHASES.filter((phase) => phase !== 'draft');
}

export function editionVisibleTo(caller: Caller, edition: Pick<Edition, 'phase'>): boolean {
  return visiblePhases(caller).includes(edition.phase);
}

export interface Timeline {
  nominationsOpenAt: Date;
  nominationsCloseAt: Date;
  judgingOpenAt: Date;
  judgingCloseAt: Date;
  resultsEmbargoUntil: Date | null;
}

export interface TimelineProblem {
  field: keyof Timeline;
  messages: string[];
}

/**
 * Checks the timeline as a whole (`nominationsOpenAt < nominationsCloseAt <= judgingOpenAt < judgingCloseAt
 * <= resultsEmbargoUntil`) and lists every field out of order, in the validation pipe's shape, so a client
 * can mark all of them at once. Judging may open the moment nominations close; nothing else may touch.
 */
export function timelineProblems(timeline: Timeline): TimelineProblem[] {
  const problems: TimelineProblem[] = [];
  const at = (field: keyof Timeline) => timeline[field]!.getTime();
  if (at('nominationsCloseAt') <= at('nominationsOpenAt'))
    problems.push({
      field: 'nominationsCloseAt',
      messages: ['nominationsCloseAt must be after nominationsOpenAt'],
    });
  if (at('judgingOpenAt') < at('nominationsCloseAt'))
    problems.push({
      field: 'judgingOpenAt',
      messages: ['judgingOpenAt must not be before nominationsCloseAt'],
    });
  if (at('judgingCloseAt') <= at('judgingOpenAt'))
    problems.push({ field: 'judgingCloseAt', messages: ['judgingCloseAt must be after judgingOpenAt'] });
  if (timeline.resultsEmbargoUntil && at('resultsEmbargoUntil') < at('judgingCloseAt')) {
    problems.push({
      field: 'resultsEmbargoUntil',
      messages: ['resultsEmbargoUntil must not be before judgingCloseAt'],
    });
  }
  return problems;
}

/**
 * The tie-breakers that apply in one category. A `criterion:<code>` tie-breaker must name a criterion of
 * at least one category of the edition (checked whenever tie-breakers or criteria change); categories
 * that have no criterion with that code skip it, because the standard categories share no criterion codes
 * and an edition-wide rule would otherwise be impossible to state.
 */
export function tieBreakersFor(tieBreakers: readonly string[], criterionCodes: readonly string[]): string[] {
  return tieBreakers.filter(
    (t) => !t.startsWith('criterion:') || criterionCodes.includes(t.slice('criterion:'.length)),
  );
}

/**
 * Why an edition's phase moves: an organiser's explicit step (always to the next phase), or a side effect
 * of judging and publication, each allowed only from the phases listed here.
 */
export type PhaseMoveReason =
  | 'organiser'
  | 'round_closed'
  | 'round_opened'
  | 'publication_scheduled'
  | 'publication_cancelled'
  | 'published';

const SIDE_EFFECT_MOVES: Readonly<
  Record<Exclude<PhaseMoveReason, 'organiser'>, { from: readonly Phase[]; to: Phase }>
> = {
  // Closing a round starts the tally; advancing opens the next round, so judging resumes.
  round_closed: { from: ['judging'], to: 'tallying' },
  round_opened: { from: ['tallying'], to: 'judging' },
  // A scheduled release holds the results ready; cancelling it puts back the phase it was scheduled from.
  publication_scheduled: { from: ['tallying'], to: 'results_ready' },
  publication_cancelled: { from: ['results_ready'], to: 'tallying' },
  published: { from: ['tallying', 'results_ready'], to: 'published' },
};

/** Throws 409 `editions.invalid_phase_transition` unless `reason` may move an edition from `from` to `to`. */
export function assertPhaseMove(from: Phase, to: Phase, reason: PhaseMoveReason): void {
  if (reason === 'organiser') {
    const next = nextPhase(from);
    if (to === next) return;
    throw new DomainError(
      EditionErrors.invalidPhaseTransition,
      next
        ? `The edition is in '${from}'; the only phase it can move to is '${next}'.`
        : `The edition is '${from}'; it moves no further.`,
      { currentPhase: from, requestedPhase: to, allowedPhases: next ? [next] : [] },
    );
  }
  const move = SIDE_EFFECT_MOVES[reason];
  if (move.to === to && move.from.includes(from)) return;
  throw new DomainError(
    EditionErrors.invalidPhaseTransition,
    `The edition is in '${from}'; '${reason}' cannot move it to '${to}'.`,
    { currentPhase: from, requestedPhase: to, allowedPhases: move.from.includes(from) ? [move.to] : [] },
  );
}
