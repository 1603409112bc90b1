import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  type Category,
  type Edition,
  type Nomination,
  takesNominations,
  useCategories,
  useEdition,
  useNomination,
  useNominationTransition,
} from '../../api/nominations';
import { isApiError } from '../../api/problem';
import { Loading } from '../../app/Layout';
import { format, useI18n } from '../../i18n';
import { Button, ErrorSummary, Notice, Page } from '../../ui';
import NotFoundPage from '../errors/NotFoundPage';
import { Attachments } from './Attachments';
import { useAutosave } from './autosave';
import { CategoryGuide } from './CategoryGuide';
import { ConflictPanel, DraftEditor, SaveStatus } from './DraftEditor';
import { History } from './History';
import { ConfirmDialog, localized, StatusBadge, useLocalizedError } from './shared';
import './nominations.css';

const WITHDRAWABLE = ['submitted', 'eligible', 'ineligible'];

function Facts({
  nomination,
  edition,
  category,
}: {
  nomination: Nomination;
  edition: Edition;
  category: Category;
}) {
  const { t, locale, formatDateTime, timeZone } = useI18n();
  return (
    <section aria-labelledby="facts-title">
      <h2 id="facts-title" className="visually-hidden">
        {t.nominations.facts}
      </h2>
      <dl className="nom-facts">
        <dt>{t.nominations.columns.status}</dt>
        <dd>
          <StatusBadge status={nomination.status} />
        </dd>
        <dt>{t.nominations.columns.company}</dt>
        <dd>{nomination.companyName}</dd>
        <dt>{t.nominations.columns.edition}</dt>
        <dd>{edition.name}</dd>
        <dt>{t.nominations.columns.category}</dt>
        <dd>{localized(category.name, locale)}</dd>
        <dt>{t.nominations.columns.deadline}</dt>
        <dd>
          {formatDateTime(edition.nominationsCloseAt)}{' '}
          <span className="muted">({format(t.common.timeZoneNamed, { zone: timeZone })})</span>
        </dd>
      </dl>
    </section>
  );
}

/** Why the text cannot change, in the page's words. */
function readOnlyReason(
  nomination: Nomination,
  edition: Edition,
  t: ReturnType<typeof useI18n>['t'],
  formatDateTime: (v: string) => string,
): string {
  const r = t.nominations.readOnly;
  switch (nomination.status) {
    case 'draft':
      return Date.now() >= Date.parse(edition.nominationsCloseAt)
        ? format(r.closed, { date: formatDateTime(edition.nominationsCloseAt) })
        : r.notOpen;
    case 'submitted':
      return format(r.submitted, { date: formatDateTime(nomination.submittedAt ?? nomination.updatedAt) });
    case 'withdrawn':
      return format(r.withdrawn, { date: formatDateTime(nomination.withdrawnAt ?? nomination.updatedAt) });
    default:
      return r.decided;
  }
}

/** The text as submitted (or as left when the window closed). */
function ReadOnlyText({ nomination, category }: { nomination: Nomination; category: Category }) {
  const { t, locale, formatNumber } = useI18n();
  return (
    <section className="section" aria-labelledby="text-title">
      <h2 id="text-title">{t.nominations.editorTitle}</h2>
      <h3>{t.nominations.summary}</h3>
      <p className="nom-answer">{nomination.summary || t.nominations.noAnswer}</p>
      {category.questions.map((q) => (
        <div key={q.code}>
          <h3>{localized(q.prompt, locale)}</h3>
          <p className="nom-answer">{nomination.answers[q.code] || t.nominations.noAnswer}</p>
        </div>
      ))}
      <h3>{t.nominations.metrics}</h3>
      {nomination.metrics.length === 0 ? (
        <p>{t.nominations.noMetrics}</p>
      ) : (
        <ul>
          {nomination.metrics.map((m, i) => (
            <li key={i}>
              {m.name}: {formatNumber(m.value)} {m.unit}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Withdraw({ nomination }: { nomination: Nomination }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const withdraw = useNominationTransition(nomination.id, 'withdraw');
  return (
    <section className="section" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">{t.nominations.withdrawTitle}</h2>
      <p>{t.nominations.withdrawLead}</p>
      <Button
        variant="danger"
        onClick={() => {
          withdraw.reset();
          setAsking(true);
        }}
      >
        {t.nominations.withdraw}
      </Button>
      {asking && (
        <ConfirmDialog
          id="confirm-withdraw"
          title={format(t.nominations.confirmWithdrawTitle, { title: nomination.title })}
          text={t.nominations.confirmWithdraw}
          confirmLabel={t.nominations.confirmWithdrawButton}
          busy={withdraw.isPending}
          error={withdraw.error}
          onConfirm={() => withdraw.mutate(nomination.version, { onSuccess: () => setAsking(false) })}
          onClose={() => setAsking(false)}
        />
      )}
    </section>
  );
}

/** The draft being written: the guide beside the text, autosave, attachments and the submit. */
function Draft({ nomination, category }: { nomination: Nomination; category: Category }) {
  const { t, locale } = useI18n();
  const autosave = useAutosave(nomination, true);
  const submit = useNominationTransition(nomination.id, 'submit');
  const submitError = useLocalizedError(submit.error);
  const saveError = autosave.state.kind === 'invalid' ? autosave.state.error : null;
  const fieldError = submit.error ?? saveError;
  const labels: Record<string, string> = {
    title: t.nominations.nominationTitle,
    summary: t.nominations.summary,
    metrics: t.nominations.metrics,
    ...Object.fromEntries(category.questions.map((q) => [`answers.${q.code}`, localized(q.prompt, locale)])),
  };
  autosave.content.metrics.forEach((_, i) => {
    const n = format(t.nominations.metricLegend, { n: i + 1 });
    labels[`metrics.${i}.name`] = `${n}: ${t.nominations.metricName}`;
    labels[`metrics.${i}.value`] = `${n}: ${t.nominations.metricValue}`;
    labels[`metrics.${i}.unit`] = `${n}: ${t.nominations.metricUnit}`;
  });

  const send = async () => {
    submit.reset();
    const saved = await autosave.flush();
    if (!saved) return;
    submit.mutate(saved.version);
  };

  return (
    <>
      <div className="nom-layout">
        <CategoryGuide category={category} headingId="category-guide-title" />
        <div>
          <ConflictPanel autosave={autosave} category={category} />
          {/* Above the text and sticky: in view wherever the user is writing. */}
          <SaveStatus autosave={autosave} />
          <DraftEditor autosave={autosave} category={category} error={fieldError} />
        </div>
      </div>
      <Attachments nomination={nomination} editable />
      <section className="section" aria-labelledby="submit-title">
        <h2 id="submit-title">{t.nominations.submitTitle}</h2>
        <p>{t.nominations.submitLead}</p>
        <ErrorSummary error={submitError} fields={labels} />
        <Button
          busy={submit.isPending || autosave.state.kind === 'saving'}
          busyLabel={t.nominations.submitting}
          onClick={() => void send()}
        >
          {t.nominations.submit}
        </Button>
      </section>
    </>
  );
}

function NominationView({ nomination }: { nomination: Nomination }) {
  const { t, formatDateTime } = useI18n();
  const edition = useEdition(nomination.editionId);
  const categories = useCategories(nomination.editionId);
  // What happened while the page was open is announced; what was so before is said by the read-only note.
  const [statusOnArrival] = useState(nomination.status);
  const justSubmitted = statusOnArrival === 'draft' && nomination.status === 'submitted';
  const justWithdrawn = statusOnArrival !== 'withdrawn' && nomination.status === 'withdrawn';

  if (edition.isPending || categories.isPending) return <Loading />;
  const loadError = edition.error ?? categories.error;
  const category = categories.data?.find((c) => c.id === nomination.categoryId);
  if (loadError || !edition.data || !category)
    return (
      <Page title={t.nominations.title}>
        <ErrorSummary error={loadError} />
      </Page>
    );

  const editable = nomination.status === 'draft' && takesNominations(edition.data);
  const withdrawable =
    WITHDRAWABLE.includes(nomination.status) &&
    (edition.data.phase === 'nominations' || edition.data.phase === 'eligibility');
  return (
    <Page title={nomination.title || t.nominations.untitled}>
      <p>
        <Link to="/nominations">{t.nominations.backToList}</Link>
      </p>
      {justSubmitted && (
        <Notice tone="success" live>
          <p>{t.nominations.submitted}</p>
        </Notice>
      )}
      {justWithdrawn && (
        <Notice tone="success" live>
          <p>{t.nominations.withdrawn}</p>
        </Notice>
      )}
      <Facts nomination={nomination} edition={edition.data} category={category} />
      {editable ? (
        <Draft nomination={nomination} category={category} />
      ) : (
        <>
          <Notice tone="warning">
            <p>
              <strong>{t.nominations.readOnlyTitle}.</strong>{' '}
              {readOnlyReason(nomination, edition.data, t, formatDateTime)}
            </p>
          </Notice>
          <div className="nom-layout">
            <CategoryGuide category={category} headingId="category-guide-title" />
            <ReadOnlyText nomination={nomination} category={category} />
          </div>
          <Attachments nomination={nomination} editable={false} />
        </>
      )}
      <History nomination={nomination} />
      {withdrawable && <Withdraw nomination={nomination} />}
    </Page>
  );
}

export default function NominationPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const nomination = useNomination(id);

  if (nomination.isPending) return <Loading />;
  if (nomination.isError) {
    const status = isApiError(nomination.error) ? nomination.error.problem.status : 0;
    // Another company's, none at all, or not even an id: the same page, so nothing tells them apart.
    if (status === 404 || status === 400) return <NotFoundPage />;
    return (
      <Page title={t.nominations.title}>
        <ErrorSummary error={nomination.error} />
      </Page>
    );
  }
  // Keyed by id: another nomination starts its editor afresh.
  return <NominationView key={nomination.data.id} nomination={nomination.data} />;
}
