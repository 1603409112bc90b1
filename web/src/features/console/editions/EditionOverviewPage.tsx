import { useCallback, useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  type EditionChanges,
  type NewEdition,
  type Phase,
  type PhaseBlocker,
  useChangePhase,
  usePhaseReadiness,
  useReloadEdition,
  useUpdateEdition,
} from '../../../api/console-editions';
import { type Edition, useCategories } from '../../../api/nominations';
import { format, type Messages, type Plural, useI18n } from '../../../i18n';
import { Button, ErrorSummary, Notice, Page } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import { localized } from '../../nominations/shared';
import { useConsoleEdition } from '../ConsoleLayout';
import { EditionForm, type TieBreakerCriterion } from './EditionForm';
import { isStale, PHASES, useEditionsError } from './shared';
import './editions.css';
import '../strings/editions';

type EditionSection = keyof Messages['console']['editionSections'];

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A blocker in words (plural by its count), its dates in the organiser's time zone; the server's title when we have no words. */
function useBlockerText(): (blocker: PhaseBlocker) => string {
  const { t, plural, formatDateTime } = useI18n();
  // Stable per language and time zone: the refusal made from it keeps its identity (ErrorSummary refocuses on a new one).
  return useCallback(
    (blocker: PhaseBlocker) => {
      const text = (t.consoleEditions.overview.blockers as Record<string, string | Plural | undefined>)[
        blocker.code
      ];
      if (!text) return blocker.title;
      const params = Object.fromEntries(
        Object.entries(blocker.params).map(([key, value]) => [
          key,
          ISO_INSTANT.test(value) ? formatDateTime(value) : value,
        ]),
      );
      return format(
        typeof text === 'string' ? text : plural(text, Number(blocker.params.count ?? 0)),
        params,
      );
    },
    [t, plural, formatDateTime],
  );
}

/** Where the organiser lifts a blocker: the section of the edition that owns what is missing. */
const BLOCKER_SECTIONS: Partial<Record<string, { path: string; section: EditionSection }>> = {
  'editions.no_categories': { path: 'categories', section: 'categories' },
  'nominations.eligibility_undecided': { path: 'nominations?status=submitted', section: 'nominations' },
  'rounds.none': { path: 'rounds', section: 'rounds' },
  'panels.missing': { path: 'jury', section: 'jury' },
};

/** Asks before the phase moves (it never moves back); a refusal shows inside, in the organiser's words. */
function PhaseDialog({
  edition,
  next,
  onDone,
}: {
  edition: Edition;
  next: Phase;
  onDone: (moved: boolean) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const m = t.consoleEditions.overview;
  const change = useChangePhase(edition.id);
  const reload = useReloadEdition(edition.id);
  const error = useEditionsError(change.error);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  const attach = (node: HTMLDialogElement | null) => {
    dialog.current = node;
    if (node && !node.open) {
      node.showModal();
      cancel.current?.focus();
    }
  };
  const phase = t.console.phases[next];
  return (
    <dialog
      ref={attach}
      className="confirm-dialog"
      aria-labelledby="phase-dialog-title"
      onClose={() => onDone(moved.current)}
    >
      <h2 id="phase-dialog-title">{format(m.confirmTitle, { phase })}</h2>
      <p>{format(m.whatNext[next as Exclude<Phase, 'draft'>], datesOf(edition, formatDateTime))}</p>
      <p>{m.confirmText}</p>
      <ErrorSummary error={error} />
      <div className="actions">
        <Button
          busy={change.isPending}
          busyLabel={t.common.saving}
          onClick={() =>
            change.mutate(
              { phase: next, version: edition.version },
              {
                onSuccess: () => {
                  moved.current = true;
                  dialog.current?.close();
                },
                // Moved on by someone else meanwhile: read it again, so the page shows where it is now.
                onError: (failure) => {
                  if (isStale(failure)) void reload();
                },
              },
            )
          }
        >
          {m.confirm}
        </Button>
        <button
          type="button"
          className="button button--secondary"
          ref={cancel}
          onClick={() => dialog.current?.close()}
        >
          {t.consoleEditions.categories.cancel}
        </button>
      </div>
    </dialog>
  );
}

function datesOf(edition: Edition, formatDateTime: (value: string) => string): Record<string, string> {
  return {
    nominationsOpenAt: formatDateTime(edition.nominationsOpenAt),
    nominationsCloseAt: formatDateTime(edition.nominationsCloseAt),
    judgingOpenAt: formatDateTime(edition.judgingOpenAt),
    judgingCloseAt: formatDateTime(edition.judgingCloseAt),
  };
}

/** Every phase in order with the current one marked, what the next one does, and what stands in its way. */
function PhaseSection({ edition }: { edition: Edition }) {
  const { t, formatDateTime } = useI18n();
  const m = t.consoleEditions.overview;
  const readiness = usePhaseReadiness(edition.id);
  const blockerText = useBlockerText();
  // The phase asked about, fixed when the dialog opens: once the move succeeds the edition's next phase moves on.
  const [asking, setAsking] = useState<Phase | null>(null);
  const [movedTo, setMovedTo] = useState<Phase | null>(null);
  const current = PHASES.indexOf(edition.phase);
  const next = edition.nextPhase;
  return (
    <section className="section" aria-labelledby="phase-title">
      <h2 id="phase-title">{m.phaseTitle}</h2>
      <ol className="ed-phase-bar" aria-label={m.phaseBar}>
        {PHASES.map((phase, index) => (
          <li
            key={phase}
            className={
              index < current
                ? 'ed-phase-bar__step ed-phase-bar__step--done'
                : index === current
                  ? 'ed-phase-bar__step ed-phase-bar__step--current'
                  : 'ed-phase-bar__step'
            }
            aria-current={index === current ? 'step' : undefined}
          >
            <span className="ed-phase-bar__number" aria-hidden="true">
              {index < current ? '✓' : index + 1}
            </span>
            <span>
              {t.console.phases[phase]}
              {index < current && <span className="visually-hidden"> ({m.done})</span>}
              {index === current && <span className="ed-phase-bar__current"> ({m.current})</span>}
            </span>
          </li>
        ))}
      </ol>
      {movedTo && (
        <Notice tone="success" live>
          <p>{format(m.moved, { phase: t.console.phases[movedTo] })}</p>
        </Notice>
      )}
      {next === null ? (
        <p>{m.last}</p>
      ) : (
        <div className="ed-next">
          <h3>{format(m.next, { phase: t.console.phases[next] })}</h3>
          <p>{format(m.whatNext[next as Exclude<Phase, 'draft'>], datesOf(edition, formatDateTime))}</p>
          <h3>{m.blockersTitle}</h3>
          <QueryState query={readiness}>
            {({ blockers }) =>
              blockers.length === 0 ? (
                <p>{m.noBlockers}</p>
              ) : (
                <ul className="ed-blockers">
                  {blockers.map((blocker) => (
                    <li key={blocker.code}>
                      {blockerText(blocker)}
                      {BLOCKER_SECTIONS[blocker.code] && (
                        <>
                          {' '}
                          <Link
                            to={`/organiser/editions/${edition.id}/${BLOCKER_SECTIONS[blocker.code]!.path}`}
                          >
                            {t.console.editionSections[BLOCKER_SECTIONS[blocker.code]!.section]}
                          </Link>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
          <p>
            <Button
              onClick={() => {
                setMovedTo(null);
                setAsking(next);
              }}
            >
              {format(m.advance, { phase: t.console.phases[next] })}
            </Button>
          </p>
        </div>
      )}
      {asking && (
        <PhaseDialog
          edition={edition}
          next={asking}
          onDone={(moved) => {
            setAsking(null);
            if (moved) setMovedTo(asking);
          }}
        />
      )}
    </section>
  );
}

/** The edition's name, timeline and rules, saved against the version it was loaded at. */
function EditSection({ edition }: { edition: Edition }) {
  const { t, locale } = useI18n();
  const m = t.consoleEditions.form;
  const update = useUpdateEdition(edition.id);
  const reload = useReloadEdition(edition.id);
  const categories = useCategories(edition.id);
  const stale = isStale(update.error);
  const error = useEditionsError(stale ? null : update.error);
  const [outcome, setOutcome] = useState<'saved' | 'unchanged' | null>(null);
  const criteria: TieBreakerCriterion[] = [];
  for (const category of categories.data ?? [])
    for (const criterion of category.criteria)
      if (!criteria.some((c) => c.code === criterion.code))
        criteria.push({ code: criterion.code, name: localized(criterion.name, locale) });

  const save = (values: NewEdition | EditionChanges) => {
    const changes = values;
    setOutcome(null);
    if (Object.keys(changes).length === 0) {
      update.reset();
      setOutcome('unchanged');
      return;
    }
    update.mutate({ changes, version: edition.version }, { onSuccess: () => setOutcome('saved') });
  };

  return (
    <section className="section" aria-labelledby="edit-title">
      <h2 id="edit-title">{t.consoleEditions.overview.editTitle}</h2>
      {outcome && (
        <Notice tone="success" live>
          <p>{outcome === 'saved' ? m.saved : m.nothingChanged}</p>
        </Notice>
      )}
      {stale && (
        <div className="notice notice--warning" role="alert">
          <p>{m.stale}</p>
          <p>
            <Button
              variant="secondary"
              // The warning stays until the other version is on screen, then the form starts from it.
              onClick={() => void reload().then(() => update.reset())}
            >
              {m.reload}
            </Button>
          </p>
        </div>
      )}
      <EditionForm
        // A new version (saved here, or reloaded after someone else's change) starts the form afresh.
        key={edition.version}
        edition={edition}
        criteria={criteria}
        submitLabel={m.save}
        busyLabel={t.common.saving}
        busy={update.isPending}
        error={error}
        onSubmit={save}
      />
    </section>
  );
}

/** `/organiser/editions/:editionId`: where the edition is and what comes next, then its settings. */
export default function EditionOverviewPage() {
  const edition = useConsoleEdition();
  return (
    <Page title={edition.name}>
      <PhaseSection edition={edition} />
      <EditSection edition={edition} />
    </Page>
  );
}
