import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  type OwnCalibration,
  type OwnDistribution,
  useOwnCalibration,
  useOwnDistribution,
  useWorklist,
  WORKLIST_STATES,
  type Worklist,
  type WorklistRound,
  type WorklistState,
} from '../../api/jury';
import { Loading } from '../../app/Layout';
import { format, useI18n } from '../../i18n';
import { localized } from '../../i18n/localized';
import { ErrorSummary, Notice, Page } from '../../ui';
import './jury.css';

export const scorecardPath = (roundId: string, nominationId: string) =>
  `/jury/rounds/${roundId}/nominations/${nominationId}`;

export const declarationsPath = (editionId: string) => `/jury/editions/${editionId}/declarations`;

function isState(value: string | null): value is WorklistState {
  return value !== null && (WORKLIST_STATES as readonly string[]).includes(value);
}

/** The round the worklist shows: the one asked for, else the newest open one, else the newest. */
function chosenRound(rounds: WorklistRound[], asked: string | null): WorklistRound | undefined {
  return rounds.find((r) => r.id === asked) ?? rounds.find((r) => r.status === 'open') ?? rounds[0];
}

/** `n` opens the next unscored nomination, unless the juror is typing or holds a modifier. */
function useNextKey(target: string | null) {
  const navigate = useNavigate();
  useEffect(() => {
    if (!target) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'n' || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      const element = event.target as HTMLElement | null;
      if (element?.closest('input, select, textarea, [contenteditable="true"]')) return;
      event.preventDefault();
      void navigate(target);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navigate, target]);
}

function RoundSummary({ round }: { round: WorklistRound }) {
  const { t, plural, formatDateTime, timeZone } = useI18n();
  const w = t.jury.worklist;
  return (
    <section className="section worklist-round" aria-labelledby="round-title">
      <h2 id="round-title">{format(w.roundOption, { edition: round.editionName, round: round.name })}</h2>
      <p>
        {round.closesAt
          ? format(w.deadline, { date: formatDateTime(round.closesAt) })
          : format(w.judgingEnds, { date: formatDateTime(round.judgingClosesAt) })}
        <br />
        <span className="muted">{format(t.common.timeZoneNamed, { zone: timeZone })}</span>
      </p>
      <p className="worklist-progress">
        <label htmlFor="round-progress">{w.progressLabel}</label>
        <progress id="round-progress" max={round.assigned} value={round.submitted}>
          {round.submitted} / {round.assigned}
        </progress>
        <span>{format(plural(w.progress, round.assigned), { submitted: round.submitted })}</span>
      </p>
      {round.status === 'closed' && (
        <Notice tone="warning">
          <p>{w.closedNotice}</p>
        </Notice>
      )}
      {round.conflictsConfirmed ? (
        <p className="muted">
          {format(w.declarationDone, { edition: round.editionName })}{' '}
          <Link to={declarationsPath(round.editionId)}>{w.declarationReview}</Link>
        </p>
      ) : (
        <Notice tone="warning">
          <p>{format(w.declarationNeeded, { edition: round.editionName })}</p>
          <p>
            <Link to={declarationsPath(round.editionId)}>{w.declarationLink}</Link>
          </p>
        </Notice>
      )}
    </section>
  );
}

function Filters({
  worklist,
  round,
  categoryId,
  state,
  onChange,
}: {
  worklist: Worklist;
  round: WorklistRound;
  categoryId: string;
  state: string;
  onChange: (name: 'categoryId' | 'state', value: string) => void;
}) {
  const { t, locale } = useI18n();
  const w = t.jury.worklist;
  const categories = worklist.categories.filter((c) => c.roundId === round.id);
  return (
    <form className="worklist-filters" role="search" onSubmit={(event) => event.preventDefault()}>
      <fieldset className="fieldset">
        <legend>{w.filters}</legend>
        <div className="field">
          <label className="field__label" htmlFor="filter-category">
            {w.category}
          </label>
          <select
            id="filter-category"
            className="input"
            value={categoryId}
            onChange={(event) => onChange('categoryId', event.target.value)}
          >
            <option value="">{w.all}</option>
            {categories.map((c) => (
              <option key={c.categoryId} value={c.categoryId}>
                {localized(c.categoryName, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="filter-state">
            {w.state}
          </label>
          <select
            id="filter-state"
            className="input"
            value={state}
            onChange={(event) => onChange('state', event.target.value)}
          >
            <option value="">{w.all}</option>
            {WORKLIST_STATES.map((s) => (
              <option key={s} value={s}>
                {w.states[s]}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
    </form>
  );
}

function Groups({ worklist, round }: { worklist: Worklist; round: WorklistRound }) {
  const { t, plural, locale } = useI18n();
  const w = t.jury.worklist;
  const items = worklist.items.filter((i) => i.roundId === round.id);
  if (items.length === 0) return <p>{w.noMatch}</p>;
  const groups = worklist.categories
    .filter((c) => c.roundId === round.id)
    .map((category) => ({ category, items: items.filter((i) => i.categoryId === category.categoryId) }))
    .filter((group) => group.items.length > 0);
  return (
    <>
      <p className="muted" role="status">
        {plural(w.showing, items.length)}
      </p>
      {groups.map(({ category, items: inCategory }) => {
        const headingId = `category-${category.categoryId}`;
        return (
          <section key={category.categoryId} className="worklist-group" aria-labelledby={headingId}>
            <h3 id={headingId}>
              {localized(category.categoryName, locale)}{' '}
              <span className="muted worklist-group__progress">
                {format(plural(w.progress, category.assigned), { submitted: category.submitted })}
              </span>
            </h3>
            <ul className="worklist-items">
              {inCategory.map((item) => (
                <li key={item.nominationId} className={`worklist-item worklist-item--${item.state}`}>
                  <Link to={scorecardPath(item.roundId, item.nominationId)}>{item.title}</Link>
                  {item.sample && !round.blind ? (
                    <span className="muted"> — {w.sampleEntry}</span>
                  ) : (
                    item.company && <span className="muted"> — {item.company.name}</span>
                  )}
                  {item.calibration && <span className="worklist-calibration">{w.calibrationEntry}</span>}
                  <span className="worklist-state">
                    <span className="visually-hidden">{format(w.stateLabel, { state: '' })}</span>
                    {w.states[item.state]}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

function Distribution({ distribution }: { distribution: OwnDistribution }) {
  const { t, plural, locale, formatNumber } = useI18n();
  const d = t.jury.distribution;
  const show = (value: string) => formatNumber(Number(value), { maximumFractionDigits: 4 });
  return (
    <section className="section" aria-labelledby="distribution-title">
      <h2 id="distribution-title">{d.title}</h2>
      <p className="muted">{d.lead}</p>
      {distribution.categories.map((category) => {
        const name = localized(category.categoryName, locale);
        const most = Math.max(1, ...category.histogram.map((b) => b.count));
        return (
          <div key={category.categoryId} className="distribution">
            <h3>{name}</h3>
            <p>{plural(d.submitted, category.submitted)}</p>
            {category.submitted === 0 || category.lowest === null ? (
              <p className="muted">{d.none}</p>
            ) : (
              <>
                <p>
                  {format(d.summary, {
                    lowest: show(category.lowest),
                    highest: show(category.highest ?? category.lowest),
                    min: show(category.scaleMin),
                    max: show(category.scaleMax),
                    mean: show(category.mean ?? category.lowest),
                  })}
                </p>
                <table className="distribution-table">
                  <caption>{format(d.caption, { category: name })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{d.value}</th>
                      <th scope="col">{d.count}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {category.histogram.map((bucket) => (
                      <tr key={bucket.value}>
                        <th scope="row">{formatNumber(bucket.value, { maximumFractionDigits: 4 })}</th>
                        <td>
                          {/* The bar repeats the number beside it, for the eye only. */}
                          <span
                            className="distribution-bar"
                            aria-hidden="true"
                            style={{ inlineSize: `${(bucket.count / most) * 100}%` }}
                          />
                          <span className="distribution-count">{bucket.count}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>
        );
      })}
    </section>
  );
}

/**
 * The round's calibration entries as the juror sees them: what they are, and, where the edition allows it
 * and once all are submitted, the juror's own deviation from the panel's median (never anyone else's marks).
 */
function Calibration({ round, calibration }: { round: WorklistRound; calibration?: OwnCalibration }) {
  const { t, plural, formatDecimal } = useI18n();
  // "+1.0000" above the median, "−1.0000" below: the sign is the point.
  const signed = (value: string) => formatDecimal(value, { signed: true });
  const c = t.jury.calibration;
  const { assigned, submitted, feedback } = round.calibration;
  return (
    <section className="section" aria-labelledby="calibration-title">
      <h2 id="calibration-title">{c.title}</h2>
      <p>{plural(c.lead, assigned)}</p>
      {!feedback ? null : submitted < assigned ? (
        <p className="muted">{format(plural(c.pending, assigned), { submitted })}</p>
      ) : calibration ? (
        <>
          <p>{format(c.summary, { mean: signed(calibration.meanDeviation) })}</p>
          <div className="distribution">
            <table className="distribution-table">
              <caption>{c.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{c.entry}</th>
                  <th scope="col">{c.total}</th>
                  <th scope="col">{c.deviation}</th>
                </tr>
              </thead>
              <tbody>
                {calibration.entries.map((e) => (
                  <tr key={e.nominationId}>
                    <th scope="row">{e.title}</th>
                    <td>{formatDecimal(e.total)}</td>
                    <td>{signed(e.deviation)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

export default function WorklistPage() {
  const { t } = useI18n();
  const w = t.jury.worklist;
  const [params, setParams] = useSearchParams();
  const askedRound = params.get('roundId');
  const categoryId = params.get('categoryId') ?? '';
  const askedState = params.get('state');
  const state = isState(askedState) ? askedState : undefined;

  // The rounds come with any answer; the first one (no round asked) tells which round to show.
  const overview = useWorklist({}, 1);
  const round = overview.data ? chosenRound(overview.data.rounds, askedRound) : undefined;
  const filtered = useWorklist({
    roundId: round?.id,
    ...(categoryId ? { categoryId } : {}),
    ...(state ? { state } : {}),
  });
  const distribution = useOwnDistribution(round?.id);
  const calibrationReady =
    round !== undefined &&
    round.calibration.feedback &&
    round.calibration.assigned > 0 &&
    round.calibration.submitted === round.calibration.assigned;
  const calibration = useOwnCalibration(round?.id, calibrationReady);
  // Nominations open only once the declaration is complete: until then nothing is "next".
  const next = round?.conflictsConfirmed ? (filtered.data?.next ?? null) : null;
  useNextKey(next ? scorecardPath(next.roundId, next.nominationId) : null);

  const change = (name: 'categoryId' | 'state' | 'roundId', value: string) => {
    const nextParams = new URLSearchParams(params);
    if (value) nextParams.set(name, value);
    else nextParams.delete(name);
    // Another round has other categories.
    if (name === 'roundId') nextParams.delete('categoryId');
    setParams(nextParams, { replace: true });
  };

  if (overview.isPending) return <Loading />;
  if (overview.isError)
    return (
      <Page title={w.title}>
        <ErrorSummary error={overview.error} />
      </Page>
    );
  const rounds = overview.data.rounds;
  if (!round)
    return (
      <Page title={w.title}>
        <p>{w.nothing}</p>
      </Page>
    );

  return (
    <Page title={w.title} lead={w.lead}>
      {rounds.length > 1 && (
        <div className="field worklist-rounds">
          <label className="field__label" htmlFor="filter-round">
            {w.round}
          </label>
          <select
            id="filter-round"
            className="input"
            value={round.id}
            onChange={(event) => change('roundId', event.target.value)}
          >
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {format(w.roundOption, { edition: r.editionName, round: r.name })}
                {r.status === 'closed' ? ` (${w.roundClosed})` : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      <RoundSummary round={round} />
      {round.status === 'open' &&
        round.conflictsConfirmed &&
        (next ? (
          <p className="worklist-next">
            <Link to={scorecardPath(next.roundId, next.nominationId)} aria-keyshortcuts="n">
              {format(w.next, { title: next.title })}
            </Link>{' '}
            <span className="muted">{w.nextHint}</span>
          </p>
        ) : (
          round.submitted === round.assigned && <p>{w.allDone}</p>
        ))}
      <section className="section" aria-labelledby="nominations-title">
        <h2 id="nominations-title" className="visually-hidden">
          {w.title}
        </h2>
        {filtered.data && (
          <Filters
            worklist={filtered.data}
            round={round}
            categoryId={categoryId}
            state={state ?? ''}
            onChange={change}
          />
        )}
        {filtered.isError ? (
          <ErrorSummary error={filtered.error} />
        ) : filtered.data ? (
          <Groups worklist={filtered.data} round={round} />
        ) : (
          <p role="status">{t.layout.loading}</p>
        )}
      </section>
      {round.calibration.assigned > 0 && (
        <Calibration round={round} calibration={calibrationReady ? calibration.data : undefined} />
      )}
      {distribution.data && <Distribution distribution={distribution.data} />}
    </Page>
  );
}
