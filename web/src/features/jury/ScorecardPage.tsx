import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import {
  type Marks,
  type NominationForJuror,
  type RoundWorklist,
  type Scorecard,
  roundWorklistKey,
  useJurorNomination,
  useRoundWorklist,
  useScorecard,
  type WorklistItem,
} from '../../api/scorecards';
import { Loading } from '../../app/Layout';
import { useSession } from '../../app/session';
import { format, useI18n } from '../../i18n';
import { Button, Notice, Page, useProblemText } from '../../ui';
import NotFoundPage from '../errors/NotFoundPage';
import { type AutosaveSnapshot, type LockReason, ScorecardAutosave } from './scorecard/autosave';
import { CriterionInput } from './scorecard/CriterionInput';
import { ConflictChoice, MarksList, ShortcutsDialog, SubmitDialog } from './scorecard/dialogs';
import { localMarksKey } from './scorecard/local-marks';
import { NominationDetails } from './scorecard/NominationDetails';
import { useShortcuts } from './scorecard/shortcuts';
import './scorecard/scorecard.css';

const scorecardPath = (item: Pick<WorklistItem, 'roundId' | 'nominationId'>) =>
  `/jury/rounds/${item.roundId}/nominations/${item.nominationId}`;

/** The neighbours of a nomination in the round's worklist, and the next one not yet submitted. */
function neighbours(worklist: RoundWorklist | undefined, nominationId: string) {
  const items = worklist?.items ?? [];
  const index = items.findIndex((item) => item.nominationId === nominationId);
  const after = [...items.slice(index + 1), ...items.slice(0, Math.max(index, 0))];
  return {
    index,
    total: items.length,
    previous: index > 0 ? items[index - 1] : undefined,
    next: index >= 0 && index < items.length - 1 ? items[index + 1] : undefined,
    nextUnscored: after.find((item) => item.scorecard?.status !== 'submitted'),
  };
}

function useAutosave(
  nomination: NominationForJuror,
  server: Scorecard,
  userId: string,
  onSaved: (saved: Scorecard) => void,
): [ScorecardAutosave, AutosaveSnapshot] {
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  // One engine per nomination and scorecard read; StrictMode's second mount makes its own.
  const [engine] = useState(
    () =>
      new ScorecardAutosave(
        {
          roundId: nomination.roundId,
          nominationId: nomination.id,
          storageKey: localMarksKey(userId, nomination.roundId, nomination.id),
          criteria: nomination.category.criteria.map((c) => c.code),
          onSaved: (saved) => onSavedRef.current(saved),
        },
        server,
      ),
  );
  useEffect(() => {
    engine.start();
    return () => engine.dispose();
  }, [engine]);
  const snapshot = useSyncExternalStore(engine.subscribe, engine.getSnapshot);
  return [engine, snapshot];
}

function SaveStatus({ snapshot, onRetry }: { snapshot: AutosaveSnapshot; onRetry: () => void }) {
  const { t } = useI18n();
  const problemText = useProblemText();
  const { state } = snapshot;
  let text: string;
  switch (state.kind) {
    case 'idle':
      text = t.scorecard.status.idle;
      break;
    case 'saving':
      text = t.scorecard.status.saving;
      break;
    case 'saved':
      text = t.scorecard.status.saved;
      break;
    case 'retrying':
      text =
        state.reason === 'network'
          ? t.scorecard.status.retryingNetwork
          : state.reason === 'session'
            ? t.scorecard.status.retryingSession
            : t.scorecard.status.retryingServer;
      break;
    case 'refused':
      text = format(t.scorecard.status.refused, { reason: problemText(state.error) });
      break;
    default:
      text = '';
  }
  return (
    <div className={`save-status save-status--${state.kind}`}>
      <p role="status" aria-live="polite" data-save-state={state.kind} id="scorecard-save-status">
        {text}
      </p>
      {state.kind === 'retrying' && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t.scorecard.status.retryNow}
        </button>
      )}
    </div>
  );
}

function Workspace({
  nomination,
  server,
  worklist,
  userId,
}: {
  nomination: NominationForJuror;
  server: Scorecard;
  worklist: RoundWorklist | undefined;
  userId: string;
}) {
  const { t, plural, formatDateTime } = useI18n();
  const problemText = useProblemText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const criteria = nomination.category.criteria;

  // Keeps the round's worklist true without asking the server again (next/previous, "next unscored").
  const onSaved = useCallback(
    (saved: Scorecard) =>
      queryClient.setQueryData<RoundWorklist>(roundWorklistKey(nomination.roundId), (list) =>
        list
          ? {
              ...list,
              items: list.items.map((item) =>
                item.nominationId === nomination.id
                  ? {
                      ...item,
                      scorecard: {
                        status: saved.status,
                        version: saved.version,
                        updatedAt: saved.updatedAt ?? new Date().toISOString(),
                      },
                    }
                  : item,
              ),
            }
          : list,
      ),
    [queryClient, nomination.roundId, nomination.id],
  );
  const [engine, snapshot] = useAutosave(nomination, server, userId, onSaved);
  const { marks, state } = snapshot;
  // Replacing every mark at once (the other version chosen) redraws the inputs.
  const [revision, setRevision] = useState(0);
  const [summaryOpen, setSummaryOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [justSubmitted, setJustSubmitted] = useState(false);
  const [moving, setMoving] = useState(false);
  const [allDone, setAllDone] = useState(false);

  const round = worklist?.round;
  useEffect(() => {
    if (round?.status === 'closed') engine.lock('round_closed');
  }, [round?.status, engine]);

  // Back online: try at once rather than at the next backoff step.
  useEffect(() => {
    const online = () => engine.retryNow();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [engine]);

  // Closing the tab (or reloading) with marks the server does not have yet asks first.
  useEffect(() => {
    if (!snapshot.unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = t.scorecard.leaveWarning;
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [snapshot.unsaved, t.scorecard.leaveWarning]);

  const locked: LockReason | null = state.kind === 'locked' ? state.reason : null;
  const conflict = state.kind === 'conflict' ? state.theirs : null;
  const readOnly = locked !== null || conflict !== null;
  const { index, total, previous, next, nextUnscored } = neighbours(worklist, nomination.id);
  const marked = criteria.filter((c) => c.code in marks.scores).length;
  const status = snapshot.server.status;

  const change = (next: Marks) => {
    setJustSubmitted(false);
    engine.change(next);
  };
  const setMark = (code: string, value: number | undefined) => {
    const scores = { ...marks.scores };
    if (value === undefined) delete scores[code];
    else scores[code] = value;
    change({ ...marks, scores });
  };

  const go = useCallback(
    (item: WorklistItem | undefined) => {
      if (item) void navigate(scorecardPath(item));
    },
    [navigate],
  );

  const saveAndGo = async (item: WorklistItem | undefined) => {
    setMoving(true);
    const saved = await engine.flush();
    setMoving(false);
    if (!saved) return;
    if (item) go(item);
    else setAllDone(true);
  };

  const openSummary = useCallback(() => {
    if (readOnly) return;
    setSubmitError(null);
    setSummaryOpen(true);
  }, [readOnly]);

  const submit = async () => {
    setSubmitting(true);
    setSubmitError(null);
    try {
      await engine.submit();
      setSummaryOpen(false);
      setJustSubmitted(true);
    } catch (error) {
      const code = isApiError(error) ? error.problem.code : '';
      if (code === 'request.stale_version') setSummaryOpen(false);
      else setSubmitError(format(t.scorecard.submitFailed, { reason: problemText(error) }));
    } finally {
      setSubmitting(false);
    }
  };

  useShortcuts({
    next: () => go(next),
    previous: () => go(previous),
    submit: openSummary,
    help: () => setHelpOpen(true),
    paused: summaryOpen || helpOpen,
  });

  const deadline = round?.closesAt ? formatDateTime(round.closesAt) : null;
  const submittedAt = snapshot.server.submittedAt ? formatDateTime(snapshot.server.submittedAt) : null;

  return (
    <Page title={nomination.title}>
      <nav className="scorecard-nav" aria-label={t.scorecard.navigation}>
        <p>
          <Link to={`/jury?roundId=${nomination.roundId}`}>{t.scorecard.backToWorklist}</Link>
          {index >= 0 && (
            <span className="muted"> · {format(t.scorecard.position, { index: index + 1, total })}</span>
          )}
        </p>
        <ul>
          {previous && (
            <li>
              <Link to={scorecardPath(previous)} rel="prev" aria-keyshortcuts="k">
                {t.scorecard.previous}
              </Link>
            </li>
          )}
          {next && (
            <li>
              <Link to={scorecardPath(next)} rel="next" aria-keyshortcuts="j">
                {t.scorecard.next}
              </Link>
            </li>
          )}
          <li>
            <button
              type="button"
              className="link-button"
              aria-keyshortcuts="Shift+?"
              onClick={() => setHelpOpen(true)}
            >
              {t.scorecard.shortcutsButton}
            </button>
          </li>
        </ul>
      </nav>

      <div className="scorecard-layout">
        <NominationDetails nomination={nomination} />

        <section className="scorecard" aria-labelledby="scorecard-title">
          <h2 id="scorecard-title">{t.scorecard.yourScorecard}</h2>
          {locked ? (
            <Notice tone="warning">
              <p data-testid="scorecard-locked">{t.scorecard.locked[locked]}</p>
              {locked === 'conflicts_not_confirmed' && (
                <p>
                  <Link to={`/jury/editions/${nomination.editionId}/declarations`}>
                    {t.scorecard.declarationsLink}
                  </Link>
                </p>
              )}
            </Notice>
          ) : status === 'submitted' ? (
            <Notice tone="success">
              <p data-testid="scorecard-submitted">
                {format(deadline ? t.scorecard.submittedNote : t.scorecard.submittedNoDeadline, {
                  date: submittedAt ?? '',
                })}
              </p>
              {deadline && <p>{format(t.scorecard.deadline, { date: deadline })}</p>}
            </Notice>
          ) : (
            <p className="muted">
              {t.scorecard.draftNote} {deadline && format(t.scorecard.deadline, { date: deadline })}
            </p>
          )}
          {justSubmitted && (
            <Notice tone="success" live>
              <p>{t.scorecard.submitted}</p>
            </Notice>
          )}
          {snapshot.restored && state.kind !== 'conflict' && (
            <Notice>
              <p>{t.scorecard.status.restored}</p>
            </Notice>
          )}
          {conflict && (
            <ConflictChoice
              criteria={criteria}
              mine={marks}
              theirs={conflict}
              onChoose={(choice) => {
                engine.resolve(choice);
                if (choice === 'theirs') setRevision((r) => r + 1);
              }}
            />
          )}

          {locked && status === 'submitted' ? (
            <>
              <p>{t.scorecard.readOnlySubmitted}</p>
              <MarksList criteria={criteria} marks={marks} />
            </>
          ) : null}

          <form
            className="scorecard__form"
            aria-describedby="scorecard-progress"
            onSubmit={(event) => {
              event.preventDefault();
              openSummary();
            }}
          >
            <p id="scorecard-progress" className="muted">
              {plural(t.scorecard.progress, marked).replace('{total}', String(criteria.length))}
            </p>
            {criteria.map((criterion) => (
              <CriterionInput
                key={`${criterion.code}-${revision}`}
                criterion={criterion}
                value={marks.scores[criterion.code]}
                readOnly={readOnly}
                onChange={(value) => setMark(criterion.code, value)}
              />
            ))}
            <div className="field">
              <label className="field__label" htmlFor="scorecard-comment">
                {t.scorecard.comment}
              </label>
              <p className="field__hint" id="scorecard-comment-hint">
                {t.scorecard.commentHint}
              </p>
              <textarea
                key={revision}
                id="scorecard-comment"
                name="comment"
                className="input scorecard__comment"
                rows={4}
                maxLength={5000}
                readOnly={readOnly}
                aria-describedby="scorecard-comment-hint"
                value={marks.comment ?? ''}
                onChange={(event) =>
                  change({ ...marks, comment: event.target.value === '' ? null : event.target.value })
                }
              />
            </div>

            <SaveStatus snapshot={snapshot} onRetry={() => engine.retryNow()} />

            {!readOnly && (
              <div className="actions scorecard__actions">
                <Button type="submit" aria-keyshortcuts="Control+Enter">
                  {status === 'submitted' ? t.scorecard.submitAgain : t.scorecard.submit}
                  <span className="muted kbd-hint" aria-hidden="true">
                    {' '}
                    ({t.scorecard.submitShortcut})
                  </span>
                </Button>
                <Button
                  variant="secondary"
                  busy={moving}
                  busyLabel={t.scorecard.status.saving}
                  onClick={() => void saveAndGo(nextUnscored)}
                >
                  {t.scorecard.saveAndNext}
                </Button>
                {nextUnscored && (
                  <Link className="button button--secondary" to={scorecardPath(nextUnscored)}>
                    {t.scorecard.skip}
                  </Link>
                )}
              </div>
            )}
            {allDone && (
              <Notice tone="success" live>
                <p>{t.scorecard.allDone}</p>
                <p>
                  <Link to={`/jury?roundId=${nomination.roundId}`}>{t.scorecard.backToWorklist}</Link>
                </p>
              </Notice>
            )}
          </form>
        </section>
      </div>

      <SubmitDialog
        open={summaryOpen}
        criteria={criteria}
        marks={marks}
        busy={submitting}
        error={submitError}
        onSubmit={() => void submit()}
        onClose={() => setSummaryOpen(false)}
      />
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </Page>
  );
}

/** `/jury/rounds/:roundId/nominations/:nominationId`: one nomination and the juror's scorecard for it. */
export default function ScorecardPage() {
  const { roundId = '', nominationId = '' } = useParams();
  const session = useSession();
  const nomination = useJurorNomination(roundId, nominationId);
  const scorecard = useScorecard(roundId, nominationId);
  const worklist = useRoundWorklist(roundId);
  const userId = session.status === 'signedIn' ? session.me?.id : undefined;

  const notFound = [nomination.error, scorecard.error].some(
    (error) => isApiError(error) && (error.problem.status === 404 || error.problem.status === 400),
  );
  const workspaceKey = useMemo(() => `${roundId}/${nominationId}`, [roundId, nominationId]);
  if (notFound) return <NotFoundPage />;
  if (nomination.error || scorecard.error) return <LoadFailed error={nomination.error ?? scorecard.error} />;
  if (!nomination.data || !scorecard.data || !userId || worklist.isPending) return <Loading />;
  return (
    <Workspace
      key={workspaceKey}
      nomination={nomination.data}
      server={scorecard.data}
      worklist={worklist.data}
      userId={userId}
    />
  );
}

function LoadFailed({ error }: { error: unknown }) {
  const { t } = useI18n();
  const problemText = useProblemText();
  return (
    <Page title={t.scorecard.title}>
      <Notice tone="warning">
        <p>{problemText(error)}</p>
      </Notice>
      <p>
        <Link to="/jury">{t.scorecard.backToWorklist}</Link>
      </p>
    </Page>
  );
}
