import { type FormEvent, useEffect, useState } from 'react';
import {
  type Publication,
  type PublicResults,
  useCancelPublication,
  usePublication,
  usePublish,
  useResultsPreview,
} from '../../../api/console-results';
import { isApiError } from '../../../api/problem';
import { format, useI18n } from '../../../i18n';
import { Button, ErrorSummary, Field, formText, Notice, Page } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useConsoleEdition } from '../ConsoleLayout';
import { localized, useConsoleProblem, useDecimal, useLocalizedMutation, useTieBreakerName } from './shared';
import './results.css';
import '../strings/results';

/** The offset (ms) of `zone` from UTC at the instant `utc`. */
function zoneOffset(utc: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utc));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(utc / 1000) * 1000;
}

/**
 * A `datetime-local` value read as a wall-clock time in `zone`, as an ISO instant; null when not a time. The
 * seconds are optional: the field takes them (`step` 1), so an embargo can end on the second.
 */
export function instantIn(value: string, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // Twice: the offset at the first guess may differ from the offset at the answer around a DST change.
  let utc = wall - zoneOffset(wall, zone);
  utc = wall - zoneOffset(utc, zone);
  return new Date(utc).toISOString();
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function Countdown({ releaseAt }: { releaseAt: string }) {
  const { t, formatNumber } = useI18n();
  const p = t.consoleResults.publication;
  const now = useNow(1000);
  const left = Math.max(0, Math.round((Date.parse(releaseAt) - now) / 1000));
  if (left === 0) return <p>{p.countdownDue}</p>;
  const days = Math.floor(left / 86_400);
  const units: [number, Intl.NumberFormatOptions['unit']][] = [
    [days, 'day'],
    [Math.floor((left % 86_400) / 3600), 'hour'],
    [Math.floor((left % 3600) / 60), 'minute'],
    [left % 60, 'second'],
  ];
  const time = units
    .filter(([value], i) => value > 0 || i === units.length - 1)
    .map(([value, unit]) => formatNumber(value, { style: 'unit', unit, unitDisplay: 'long' }))
    .join(' ');
  return (
    <p className="countdown">
      <time dateTime={releaseAt}>{format(p.countdown, { time })}</time>
    </p>
  );
}

function Scheduled({
  publication,
  cancel,
}: {
  publication: Publication;
  /** Held by the page: its outcome is said there once this section is gone. */
  cancel: ReturnType<typeof useCancelPublication>;
}) {
  const { t, formatDateTime } = useI18n();
  const p = t.consoleResults.publication;
  const [asking, setAsking] = useState(false);
  return (
    <section className="section" aria-labelledby="scheduled-title">
      <h2 id="scheduled-title">{p.scheduledTitle}</h2>
      <p>{format(p.scheduledFor, { date: formatDateTime(publication.releaseAt) })}</p>
      <Countdown releaseAt={publication.releaseAt} />
      {publication.lastError && (
        <Notice tone="warning">
          <p>{format(p.lastError, { error: publication.lastError })}</p>
        </Notice>
      )}
      <Button variant="danger" onClick={() => setAsking(true)}>
        {p.cancel}
      </Button>
      {asking && (
        <ConfirmDialog
          id="confirm-cancel-title"
          title={p.confirmCancelTitle}
          confirmLabel={p.confirmCancel}
          action={cancel}
          variables={undefined}
          onDone={() => setAsking(false)}
        >
          <p>{format(p.confirmCancelText, { date: formatDateTime(publication.releaseAt) })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function Published({ publication, slug }: { publication: Publication; slug: string }) {
  const { t, formatDateTime } = useI18n();
  const p = t.consoleResults.publication;
  return (
    <section className="section" aria-labelledby="published-title">
      <h2 id="published-title">{p.publishedTitle}</h2>
      <p>
        {format(p.publishedAt, { date: formatDateTime(publication.publishedAt ?? publication.releaseAt) })}
      </p>
      <ul className="publication-links">
        <li>
          <a href={`/results/${slug}`}>{p.publicLink}</a>
        </li>
        <li>
          <a href={`/api/v1/public/editions/${slug}/results/manifest`} type="application/json">
            {p.manifestLink}
          </a>
        </li>
      </ul>
      {publication.manifestSha256 && (
        <p>
          {p.manifestDigest}: <code className="digest">{publication.manifestSha256}</code>
        </p>
      )}
    </section>
  );
}

function PublishForms({ editionId }: { editionId: string }) {
  const { t, timeZone } = useI18n();
  const p = t.consoleResults.publication;
  const publish = useLocalizedMutation(usePublish(editionId));
  const schedule = usePublish(editionId);
  const scheduleError = useConsoleProblem(schedule.error);
  const [asking, setAsking] = useState(false);
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const at = instantIn(formText(new FormData(event.currentTarget), 'releaseAt'), timeZone);
    const valid = at !== null && Date.parse(at) > Date.now();
    setInvalid(!valid);
    if (!valid) {
      event.currentTarget.querySelector<HTMLInputElement>('#field-releaseAt')?.focus();
      return;
    }
    schedule.mutate(at);
  };

  return (
    <>
      <section className="section" aria-labelledby="publish-title">
        <h2 id="publish-title">{p.publishTitle}</h2>
        {publish.isSuccess && (
          <Notice tone="success" live>
            <p>{p.published}</p>
          </Notice>
        )}
        <Button onClick={() => setAsking(true)}>{p.publishNow}</Button>
        {asking && (
          <ConfirmDialog
            id="confirm-publish-title"
            title={p.confirmPublishTitle}
            confirmLabel={p.confirmPublish}
            action={publish}
            variables={undefined}
            onDone={() => setAsking(false)}
          >
            <p>{p.confirmPublishText}</p>
          </ConfirmDialog>
        )}
      </section>
      <section className="section" aria-labelledby="embargo-title">
        <h2 id="embargo-title">{p.embargoTitle}</h2>
        <ErrorSummary error={scheduleError} />
        <form className="form" onSubmit={submit} noValidate>
          <Field
            name="releaseAt"
            type="datetime-local"
            step={1}
            label={p.embargoAt}
            hint={format(p.embargoHint, { zone: timeZone })}
            errors={invalid ? [p.embargoRequired] : []}
          />
          <Button type="submit" busy={schedule.isPending} busyLabel={t.common.saving}>
            {p.schedule}
          </Button>
        </form>
      </section>
    </>
  );
}

/** The public page's results, drawn as the public page draws them, marked as a preview. */
function ResultsPreview({ results }: { results: PublicResults }) {
  const { t, locale } = useI18n();
  const p = t.consoleResults.publication;
  const r = t.consoleResults.results;
  const decimal = useDecimal();
  const tieBreakerName = useTieBreakerName();
  return (
    <div className="public-preview">
      <p className="public-preview__badge">{p.previewBadge}</p>
      <h3>{format(p.previewOf, { edition: results.edition.name })}</h3>
      <p className="muted">
        {format(p.previewRound, { number: results.round.number, name: results.round.name })} ·{' '}
        {r.methods[results.method]}
      </p>
      {results.categories.map((category, index) => {
        const name = localized(category.name, locale, category.code);
        const winners = category.nominations.filter((n) => n.status === 'winner');
        const caption = `preview-${index}`;
        return (
          <div key={category.code} className="public-preview__category">
            <h4>{name}</h4>
            <p>
              {winners.length ? (
                <>
                  <strong>{winners.length > 1 ? p.winners : p.winner}:</strong>{' '}
                  {winners.map((w) => `${w.title} (${w.company})`).join(', ')}
                </>
              ) : (
                p.noWinner
              )}
            </p>
            <div className="results-table-wrap" role="region" aria-labelledby={caption} tabIndex={0}>
              <table className="results-table">
                <caption id={caption}>{format(r.rankingCaption, { category: name })}</caption>
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
                      {r.scorecards}
                    </th>
                    <th scope="col">{r.note}</th>
                  </tr>
                </thead>
                <tbody>
                  {category.nominations.map((n) => (
                    <tr key={n.nominationId} className={n.status === 'winner' ? 'winner' : undefined}>
                      <td className="num">{n.rank ?? '—'}</td>
                      <th scope="row">
                        {n.title}
                        {n.status && (
                          <span className="badge">
                            {n.status === 'winner' ? p.statusWinner : p.statusFinalist}
                          </span>
                        )}
                      </th>
                      <td>{n.company}</td>
                      <td className="num">{n.score === null ? r.unranked : decimal(n.score)}</td>
                      <td className="num">{n.scorecards}</td>
                      <td>
                        {n.flags.includes('insufficient_scorecards')
                          ? p.noteInsufficient
                          : n.tieBrokenBy
                            ? format(p.noteTieBrokenBy, { tieBreaker: tieBreakerName(n.tieBrokenBy) })
                            : n.flags.includes('tied')
                              ? r.flags.tied
                              : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
      <h4>{p.verifyTitle}</h4>
      <p>{p.verifyText}</p>
      <p>
        {p.manifestDigest}: <code className="digest">{results.manifest.sha256}</code>
      </p>
    </div>
  );
}

function Preview({ slug }: { slug: string }) {
  const { t } = useI18n();
  const p = t.consoleResults.publication;
  const preview = useResultsPreview(slug);
  return (
    <section className="section" aria-labelledby="preview-title">
      <h2 id="preview-title">{p.previewTitle}</h2>
      {preview.isPending ? (
        <p role="status">{t.layout.loading}</p>
      ) : preview.isError ? (
        isApiError(preview.error) && preview.error.problem.status === 404 ? (
          <p>{p.previewUnavailable}</p>
        ) : (
          <ErrorSummary error={preview.error} />
        )
      ) : (
        <ResultsPreview results={preview.data} />
      )}
    </section>
  );
}

/** `/organiser/editions/:editionId/publication`: publish now or under an embargo, preview, public links. */
export default function PublicationPage() {
  const { t } = useI18n();
  const p = t.consoleResults.publication;
  const edition = useConsoleEdition();
  const publication = usePublication(edition.id);
  const cancel = useLocalizedMutation(useCancelPublication(edition.id));
  return (
    <Page title={p.title} lead={p.lead}>
      {cancel.isSuccess && publication.data === null && (
        <Notice tone="success" live>
          <p>{p.cancelled}</p>
        </Notice>
      )}
      <QueryState query={publication}>
        {(current) =>
          current?.status === 'published' ? (
            <Published publication={current} slug={edition.slug} />
          ) : (
            <>
              {current?.status === 'scheduled' && <Scheduled publication={current} cancel={cancel} />}
              <PublishForms editionId={edition.id} />
              <Preview slug={edition.slug} />
            </>
          )
        }
      </QueryState>
    </Page>
  );
}
