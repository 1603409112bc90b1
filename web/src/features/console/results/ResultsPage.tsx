import { type ChangeEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  type AdvancePreview,
  type CategoryAnalytics,
  type CategoryResults,
  type CsvKind,
  type Round,
  type RoundAnalytics,
  type RoundResults,
  RANKING_PAGE_SIZE,
  useAdvance,
  useAdvancePreview,
  useCloseRound,
  useCsvDownload,
  useEditionRounds,
  useRetally,
  useRoundAnalytics,
  useRanking,
  useRoundResults,
} from '../../../api/console-results';
import { usePanels, useRoundProgress } from '../../../api/console-jury';
import { useCategories } from '../../../api/nominations';
import { format, useI18n } from '../../../i18n';
import { Button, ErrorSummary, Field, Notice, Page, SelectField } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useConsoleEdition } from '../ConsoleLayout';
import { Pager } from '../Pager';
import { Agreement } from './Agreement';
import { localized, useConsoleProblem, useDecimal, useLocalizedMutation, useTieBreakerName } from './shared';
import './results.css';
import '../strings/jury';
import '../strings/results';

function CloseRound({ round }: { round: Round }) {
  const { t, plural, formatDateTime } = useI18n();
  const r = t.consoleResults.results;
  const edition = useConsoleEdition();
  const close = useLocalizedMutation(useCloseRound());
  // What closing now would leave unranked, said before the button rather than discovered in the ranking.
  const progress = useRoundProgress(round.id).data;
  const [asking, setAsking] = useState(false);
  const below =
    progress && progress.belowMinimum > 0
      ? format(plural(r.belowMinimum, progress.belowMinimum), { min: progress.minScorecards })
      : undefined;
  return (
    <section className="section" aria-labelledby="close-title">
      <h2 id="close-title">{r.openTitle}</h2>
      <p>{r.openLead}</p>
      {round.closesAt && <p>{format(r.closesAt, { date: formatDateTime(round.closesAt) })}</p>}
      {progress && (
        <>
          <p>
            {format(plural(t.consoleJury.progress.totals, progress.totals.assigned), {
              submitted: progress.totals.submitted,
              drafted: progress.totals.drafted,
            })}
          </p>
          {below ? (
            <Notice tone="warning">
              <p>{below}</p>
              <p>
                <Link to={`/organiser/editions/${edition.id}/progress?round=${round.id}`}>
                  {r.progressLink}
                </Link>
              </p>
            </Notice>
          ) : (
            <p>{format(r.everyNominationReady, { min: progress.minScorecards })}</p>
          )}
        </>
      )}
      <Button variant="danger" onClick={() => setAsking(true)}>
        {r.close}
      </Button>
      {asking && (
        <ConfirmDialog
          id="confirm-close-title"
          title={format(r.confirmCloseTitle, { round: round.name })}
          confirmLabel={r.confirmClose}
          action={close}
          variables={round.id}
          onDone={() => setAsking(false)}
        >
          <p>{r.confirmCloseText}</p>
          {below && (
            <Notice tone="warning">
              <p>{below}</p>
            </Notice>
          )}
          {progress && progress.totals.drafted > 0 && <p>{plural(r.draftsLeft, progress.totals.drafted)}</p>}
        </ConfirmDialog>
      )}
    </section>
  );
}

/** No category's tally is still requested or running. */
function settled(results: RoundResults): boolean {
  return results.categories.every(
    (c) => c.latestRun?.status !== 'requested' && c.latestRun?.status !== 'running',
  );
}

function Runs({ results }: { results: RoundResults }) {
  const { t, locale, formatDateTime } = useI18n();
  const r = t.consoleResults.results;
  const retally = useRetally();
  const error = useConsoleProblem(retally.error);
  return (
    <section className="section" aria-labelledby="runs-title">
      <h2 id="runs-title">{r.runsTitle}</h2>
      <div className="results-table-wrap" role="region" aria-labelledby="runs-title" tabIndex={0}>
        <table className="results-table">
          <thead>
            <tr>
              <th scope="col">{r.runCategory}</th>
              <th scope="col">{r.runState}</th>
              <th scope="col">{r.runRequested}</th>
              <th scope="col">{r.runFinished}</th>
              <th scope="col" className="num">
                {r.runAttempts}
              </th>
            </tr>
          </thead>
          <tbody>
            {results.categories.map((category) => {
              const run = category.latestRun;
              return (
                <tr key={category.categoryId}>
                  <th scope="row">{localized(category.name, locale, category.code)}</th>
                  <td>
                    {run ? (
                      <span className={`run-state run-state--${run.status}`}>{r.runStates[run.status]}</span>
                    ) : (
                      r.noRun
                    )}
                    {run?.error && <p className="run-error">{format(r.runError, { error: run.error })}</p>}
                  </td>
                  <td>{run ? formatDateTime(run.requestedAt) : '—'}</td>
                  <td>{run?.finishedAt ? formatDateTime(run.finishedAt) : '—'}</td>
                  <td className="num">{run?.attempts ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="visually-hidden" role="status">
        {settled(results) ? '' : t.layout.loading}
      </p>
      <ErrorSummary error={error} />
      {retally.isSuccess && (
        <Notice tone="success" live>
          <p>{r.retallied}</p>
        </Notice>
      )}
      <Button
        variant="secondary"
        busy={retally.isPending}
        busyLabel={t.common.saving}
        onClick={() => retally.mutate(results.roundId)}
      >
        {r.retally}
      </Button>
    </section>
  );
}

function Downloads({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  const r = t.consoleResults.results;
  const download = useCsvDownload();
  const error = useConsoleProblem(download.error);
  const button = (kind: CsvKind, label: string) => (
    <Button
      variant="secondary"
      busy={download.isPending && download.variables?.kind === kind}
      busyLabel={r.downloading}
      onClick={() => download.mutate({ roundId, kind })}
    >
      {label}
    </Button>
  );
  return (
    <section className="section" aria-labelledby="downloads-title">
      <h2 id="downloads-title">{r.downloadsTitle}</h2>
      <ErrorSummary error={error} />
      <div className="actions">
        {button('results', r.downloadResults)}
        {button('scoresheet', r.downloadScoresheet)}
        {button('jurors', t.consoleResults.analytics.download)}
      </div>
    </section>
  );
}

function Ranking({
  roundId,
  category,
  index,
  analytics,
  thresholds,
}: {
  roundId: string;
  category: CategoryResults;
  index: number;
  /** This category's jury analytics, once loaded. */
  analytics?: CategoryAnalytics;
  thresholds?: RoundAnalytics['thresholds'];
}) {
  const { t, locale } = useI18n();
  const r = t.consoleResults.results;
  const decimal = useDecimal();
  const tieBreakerName = useTieBreakerName();
  // The jurors of the statistics sit on the edition's panels: their names come from there (one short list),
  // not from a directory of every account.
  const edition = useConsoleEdition();
  const panels = usePanels(edition.id);
  const categories = useCategories(edition.id);
  const criteria = new Map(
    categories.data
      ?.find((c) => c.id === category.categoryId)
      ?.criteria.map((c) => [c.code, localized(c.name, locale, c.code)] as const),
  );
  const criterionName = (code: string) => criteria.get(code) ?? code;
  const names = new Map(panels.data?.flatMap((p) => p.jurors.map((j) => [j.id, j.fullName] as const)));
  const name = localized(category.name, locale, category.code);
  const heading = `ranking-${index}`;
  const rules = category.rules;
  const jurorName = (id: string) => names.get(id) ?? format(r.unknownJuror, { id: id.slice(0, 8) });
  const titles = new Map(category.nominations.map((n) => [n.nomination, n.title] as const));
  const nominationTitle = (id: string) => titles.get(id) ?? id.slice(0, 8);
  // The first page comes with the results; a later one is asked for when the organiser turns to it, and
  // the first shows until it arrives. A new tally starts again from the first.
  const snapshotId = category.snapshot?.id ?? '';
  const [rankingPage, setRankingPage] = useState({ snapshotId, page: 1 });
  const pageNumber = rankingPage.snapshotId === snapshotId ? rankingPage.page : 1;
  const later = useRanking(roundId, category.categoryId, snapshotId, pageNumber);
  const rows = pageNumber > 1 && later.data ? later.data.items : category.nominations;
  return (
    <section className="section results-category" aria-labelledby={heading}>
      <h2 id={heading}>{name}</h2>
      {rules && (
        <p className="muted">
          {format(r.rulesLine, {
            method: r.methods[rules.method],
            min: rules.minScorecards,
            tieBreakers: rules.tieBreakers.length
              ? rules.tieBreakers.map(tieBreakerName).join(', ')
              : r.noTieBreakers,
          })}
        </p>
      )}
      {category.snapshot && (
        <p className="muted">
          {format(r.snapshot, {
            count: category.snapshot.scorecards,
            digest: category.snapshot.inputsDigest.slice(0, 12),
          })}
        </p>
      )}
      {category.nominations.length === 0 ? (
        <p>{r.noNominations}</p>
      ) : (
        <div className="results-table-wrap" role="region" aria-labelledby={`${heading}-caption`} tabIndex={0}>
          <table className="results-table">
            <caption id={`${heading}-caption`}>{format(r.rankingCaption, { category: name })}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {r.rank}
                </th>
                <th scope="col">{r.nomination}</th>
                <th scope="col">{r.company}</th>
                <th scope="col" className="num">
                  {r.score}
                </th>
                <th scope="col" className="num">
                  {r.median}
                </th>
                <th scope="col" className="num">
                  {r.scorecards}
                </th>
                <th scope="col">{r.note}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => {
                const decided = n.tieBrokenBy
                  ? n.tieBreakerValues.find((v) => v.tieBreaker === n.tieBrokenBy)
                  : undefined;
                return (
                  <tr key={n.nomination}>
                    <td className="num">{n.rank ?? '—'}</td>
                    <th scope="row">{n.title}</th>
                    <td>{n.companyName}</td>
                    <td className="num">{n.score === null ? r.unranked : decimal(n.score)}</td>
                    <td className="num">{n.median === null ? '—' : decimal(n.median)}</td>
                    <td className="num">{n.scorecards}</td>
                    <td>
                      <ul className="results-notes">
                        {n.flags.includes('insufficient_scorecards') && (
                          <li className="flag flag--warning">
                            {format(r.flags.insufficient_scorecards, { min: rules?.minScorecards ?? '' })}
                          </li>
                        )}
                        {n.tieBrokenBy && (
                          <li>
                            {format(r.tieBrokenBy, {
                              tieBreaker: tieBreakerName(n.tieBrokenBy),
                              value: decided ? decimal(decided.value) : '—',
                            })}
                          </li>
                        )}
                        {n.flags.includes('tied') && <li className="flag">{r.flags.tied}</li>}
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {category.nominationsTotal > RANKING_PAGE_SIZE && (
        <Pager
          page={pageNumber}
          pageSize={RANKING_PAGE_SIZE}
          total={category.nominationsTotal}
          onPage={(page) => setRankingPage({ snapshotId, page })}
          words={{
            label: format(r.rankingPages, { category: name }),
            shown: r.rankingShown,
            pageOf: r.rankingPageOf,
            previous: r.rankingPrevious,
            next: r.rankingNext,
          }}
        />
      )}
      {category.jurors.length > 0 && (
        <div className="results-table-wrap" role="region" aria-labelledby={`${heading}-jurors`} tabIndex={0}>
          <table className="results-table results-table--compact">
            <caption id={`${heading}-jurors`}>{format(r.jurorsTitle, { category: name })}</caption>
            <thead>
              <tr>
                <th scope="col">{r.juror}</th>
                <th scope="col" className="num">
                  {r.count}
                </th>
                <th scope="col" className="num">
                  {r.mean}
                </th>
                <th scope="col" className="num">
                  {r.sigma}
                </th>
              </tr>
            </thead>
            <tbody>
              {category.jurors.map((j) => (
                <tr key={j.juror}>
                  <th scope="row">{jurorName(j.juror)}</th>
                  <td className="num">{j.count}</td>
                  <td className="num">{decimal(j.mean)}</td>
                  <td className="num">{decimal(j.sigma)}</td>
                </tr>
              ))}
              {category.overall && (
                <tr className="results-overall">
                  <th scope="row">{r.overall}</th>
                  <td className="num">{category.overall.count}</td>
                  <td className="num">{decimal(category.overall.mean)}</td>
                  <td className="num">{decimal(category.overall.sigma)}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      {analytics && thresholds && (
        <Agreement
          analytics={analytics}
          thresholds={thresholds}
          categoryName={name}
          heading={`agreement-${index}`}
          jurorName={jurorName}
          nominationTitle={nominationTitle}
          criterionName={criterionName}
        />
      )}
    </section>
  );
}

const TOP_N_MAX = 1000;

function parseTopN(value: string): number | null {
  if (!/^\d{1,4}$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= 1 && n <= TOP_N_MAX ? n : null;
}

function PreviewList({ preview, results }: { preview: AdvancePreview; results: RoundResults }) {
  const { t, locale, plural } = useI18n();
  const r = t.consoleResults.results;
  return (
    <div className="advance-preview" aria-live="polite">
      <h3>{format(r.previewCaption, { topN: preview.topN })}</h3>
      {preview.categories.map((c) => {
        const category = results.categories.find((x) => x.categoryId === c.categoryId);
        return (
          <div key={c.categoryId} className="advance-preview__category">
            <h4>
              {format(r.previewCategory, {
                category: category ? localized(category.name, locale, c.categoryCode) : c.categoryCode,
                count: plural(r.advancingCount, c.nominationIds.length),
              })}
            </h4>
            {c.tiedAtCut.length > 0 && (
              <Notice tone="warning">
                <p>{plural(r.tieAtCut, c.tiedAtCut.length)}</p>
              </Notice>
            )}
            <ol className="advance-preview__list">
              {c.nominations.map((n) => (
                <li key={n.nomination}>
                  {n.title} <span className="muted">({n.rank})</span>
                  {c.tiedAtCut.includes(n.nomination) && (
                    <span className="badge-tie">{r.tiedAtCutBadge}</span>
                  )}
                </li>
              ))}
            </ol>
          </div>
        );
      })}
    </div>
  );
}

type AdvanceMutation = ReturnType<typeof useAdvance>;

function Advance({ results, advance }: { results: RoundResults; advance: AdvanceMutation }) {
  const { t, locale, plural } = useI18n();
  const r = t.consoleResults.results;
  const [value, setValue] = useState('3');
  const topN = parseTopN(value);
  const preview = useAdvancePreview(results.roundId, topN);
  const [asking, setAsking] = useState(false);
  const previewError = useConsoleProblem(preview.error);
  const data = topN !== null && preview.data?.topN === topN ? preview.data : undefined;
  const total = data?.categories.reduce((sum, c) => sum + c.nominationIds.length, 0) ?? 0;
  const tied = data?.categories.filter((c) => c.tiedAtCut.length > 0) ?? [];
  const categoryName = (id: string, code: string) => {
    const category = results.categories.find((c) => c.categoryId === id);
    return category ? localized(category.name, locale, code) : code;
  };
  return (
    <section className="section" aria-labelledby="advance-title">
      <h2 id="advance-title">{r.advanceTitle}</h2>
      <p>{r.advanceLead}</p>
      <Field
        name="topN"
        label={r.topN}
        hint={r.topNHint}
        inputMode="numeric"
        value={value}
        errors={topN === null ? [r.topNInvalid] : []}
        onChange={(event: ChangeEvent<HTMLInputElement>) => setValue(event.target.value)}
      />
      {topN !== null && preview.isError && <ErrorSummary error={previewError} />}
      {data && <PreviewList preview={data} results={results} />}
      <Button disabled={!data || total === 0} onClick={() => setAsking(true)}>
        {format(r.advance, { topN: topN ?? value })}
      </Button>
      {asking && data && (
        <ConfirmDialog
          id="confirm-advance-title"
          title={format(r.confirmAdvanceTitle, { topN: data.topN })}
          confirmLabel={r.confirmAdvance}
          action={advance}
          variables={{ roundId: results.roundId, topN: data.topN }}
          onDone={() => setAsking(false)}
        >
          <p>{plural(r.confirmAdvanceText, total)}</p>
          {tied.length > 0 && (
            <Notice tone="warning">
              <p>
                {format(r.confirmAdvanceTies, {
                  topN: data.topN,
                  categories: tied
                    .map((c) => `${categoryName(c.categoryId, c.categoryCode)} (${c.nominationIds.length})`)
                    .join(', '),
                })}
              </p>
            </Notice>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}

function ClosedRound({ round, advance }: { round: Round; advance: AdvanceMutation }) {
  const edition = useConsoleEdition();
  const query = useRoundResults(round.id);
  // Asked again whenever a snapshot the ranking shows changes, so the analytics describe that ranking.
  const snapshots = (query.data?.categories ?? [])
    .map((c) => c.snapshot?.id)
    .filter((id) => id !== undefined)
    .join(',');
  const analytics = useRoundAnalytics(round.id, snapshots);
  const analyticsOf = new Map(analytics.data?.categories.map((c) => [c.categoryId, c]) ?? []);
  return (
    <QueryState query={query}>
      {(results) => (
        <>
          <Runs results={results} />
          {results.categories.map((category, index) => (
            <Ranking
              key={category.categoryId}
              roundId={round.id}
              category={category}
              index={index}
              analytics={analyticsOf.get(category.categoryId)}
              thresholds={analytics.data?.thresholds}
            />
          ))}
          <Downloads roundId={round.id} />
          {/* The preview reads the finished tallies: asked for only once no run is still going. */}
          {edition.phase === 'tallying' && settled(results) && (
            <Advance results={results} advance={advance} />
          )}
        </>
      )}
    </QueryState>
  );
}

/** `/organiser/editions/:editionId/results`: close a round, read its tally, advance the best. */
export default function ResultsPage() {
  const { t } = useI18n();
  const r = t.consoleResults.results;
  const edition = useConsoleEdition();
  const rounds = useEditionRounds(edition.id);
  const [params, setParams] = useSearchParams();
  // Held here: once it succeeds the edition is judging the next round and the advance section is gone.
  const advance = useLocalizedMutation(useAdvance());
  return (
    <Page title={r.title} lead={r.lead}>
      {advance.isSuccess && (
        <Notice tone="success" live>
          <p>
            {format(r.advanced, {
              round: advance.data.nextRound.name,
              count: advance.data.assignments,
            })}
          </p>
        </Notice>
      )}
      <QueryState query={rounds}>
        {(list) => {
          if (list.length === 0) return <p>{r.noRounds}</p>;
          const round = list.find((x) => x.id === params.get('round')) ?? list[list.length - 1]!;
          return (
            <>
              {list.length > 1 && (
                <SelectField
                  name="round"
                  label={r.round}
                  value={round.id}
                  onChange={(event) => setParams({ round: event.target.value }, { replace: true })}
                  options={list.map((x) => ({
                    value: x.id,
                    label: format(r.roundOption, {
                      number: x.number,
                      name: x.name,
                      status: r.roundStatuses[x.status],
                    }),
                  }))}
                />
              )}
              {round.status === 'open' ? (
                <CloseRound round={round} />
              ) : (
                <ClosedRound key={round.id} round={round} advance={advance} />
              )}
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}
