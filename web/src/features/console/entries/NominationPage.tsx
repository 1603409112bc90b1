import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  decideEligibility,
  type EligibilityDecision,
  useEligibilityDone,
} from '../../../api/console-entries';
import { type Category, type Nomination, useCategories, useNomination } from '../../../api/nominations';
import { format, useI18n } from '../../../i18n';
import { ErrorSummary, Notice, Page } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import NotFoundPage from '../../errors/NotFoundPage';
import { Attachments } from '../../nominations/Attachments';
import { History } from '../../nominations/History';
import { localized, StatusBadge } from '../../nominations/shared';
import { useConsoleEdition } from '../ConsoleLayout';
import { EligibilityForm } from './EligibilityForm';
import { useConsoleError } from './shared';
import '../../nominations/nominations.css';
import './entries.css';
import '../strings/entries';

const REVIEWABLE = ['submitted', 'eligible', 'ineligible'];

function Facts({ nomination, category }: { nomination: Nomination; category: Category | undefined }) {
  const { t, locale, formatDateTime, timeZone } = useI18n();
  const m = t.consoleEntries.nomination;
  const when = (value: string | null) => (value ? formatDateTime(value) : m.notYet);
  return (
    <section className="section" aria-labelledby="facts-title">
      <h2 id="facts-title">{m.facts}</h2>
      <dl className="entries-facts">
        <dt>{t.consoleEntries.nominations.status}</dt>
        <dd>
          <StatusBadge status={nomination.status} />
        </dd>
        <dt>{t.consoleEntries.nominations.company}</dt>
        <dd>{nomination.companyName}</dd>
        <dt>{t.consoleEntries.nominations.category}</dt>
        <dd>{category ? localized(category.name, locale) : '—'}</dd>
        <dt>{m.submittedAt}</dt>
        <dd>{when(nomination.submittedAt)}</dd>
        <dt>{m.decidedAt}</dt>
        <dd>{when(nomination.eligibilityDecidedAt)}</dd>
        {nomination.ineligibilityReason && (
          <>
            <dt>{m.currentReason}</dt>
            <dd className="entries-prewrap">{nomination.ineligibilityReason}</dd>
          </>
        )}
      </dl>
      <p className="muted">{format(t.common.timeZoneNamed, { zone: timeZone })}</p>
    </section>
  );
}

function Text({ nomination, category }: { nomination: Nomination; category: Category | undefined }) {
  const { t, locale, formatNumber } = useI18n();
  const m = t.consoleEntries.nomination;
  // The category's questions in its order, then any answer to a question it no longer asks.
  const asked = category?.questions ?? [];
  const others = Object.keys(nomination.answers).filter((code) => !asked.some((q) => q.code === code));
  return (
    <section className="section" aria-labelledby="text-title">
      <h2 id="text-title">{m.text}</h2>
      <h3>{m.summary}</h3>
      <p className="entries-prewrap">{nomination.summary || m.noAnswer}</p>
      {asked.map((question) => (
        <div key={question.code}>
          <h3>{localized(question.prompt, locale)}</h3>
          <p className="entries-prewrap">{nomination.answers[question.code] || m.noAnswer}</p>
        </div>
      ))}
      {others.map((code) => (
        <div key={code}>
          <h3>{code}</h3>
          <p className="entries-prewrap">{nomination.answers[code]}</p>
        </div>
      ))}
      <h3>{m.metrics}</h3>
      {nomination.metrics.length === 0 ? (
        <p>{m.noMetrics}</p>
      ) : (
        <dl className="entries-metrics">
          {nomination.metrics.map((metric, i) => (
            <div key={i}>
              <dt>{metric.name}</dt>
              <dd>
                {formatNumber(metric.value)} {metric.unit}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function Decision({ nomination }: { nomination: Nomination }) {
  const { t } = useI18n();
  const m = t.consoleEntries.nomination;
  const done = useEligibilityDone();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const error = useConsoleError(failure);

  const decide = async (decision: EligibilityDecision, reason: string | undefined) => {
    setBusy(true);
    setFailure(null);
    setSaved(false);
    try {
      await done([await decideEligibility(nomination.id, decision, reason, nomination.version)]);
      setSaved(true);
    } catch (refusal) {
      setFailure(refusal);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="section entries-bulk" aria-labelledby="decision-title">
      <h2 id="decision-title">{m.decisionTitle}</h2>
      <p>{m.decisionLead}</p>
      {saved && (
        <Notice tone="success" live>
          <p>{format(m.saved, { status: t.nominations.statuses[nomination.status] })}</p>
        </Notice>
      )}
      <ErrorSummary error={error} />
      <EligibilityForm
        idPrefix="decision"
        legend={t.consoleEntries.nominations.decision}
        busy={busy}
        onDecide={(decision, reason) => void decide(decision, reason)}
      />
    </section>
  );
}

function NominationView({ nomination }: { nomination: Nomination }) {
  const { t } = useI18n();
  const m = t.consoleEntries.nomination;
  const edition = useConsoleEdition();
  const categories = useCategories(edition.id);
  // Another edition's nomination is not found at this edition's address.
  if (nomination.editionId !== edition.id) return <NotFoundPage />;
  const category = categories.data?.find((c) => c.id === nomination.categoryId);
  const reviewing = edition.phase === 'eligibility';
  return (
    <Page title={nomination.title || t.consoleEntries.nominations.untitled}>
      <p>
        <Link to={`/organiser/editions/${edition.id}/nominations`}>{m.back}</Link>
      </p>
      <Facts nomination={nomination} category={category} />
      <Text nomination={nomination} category={category} />
      <Attachments nomination={nomination} editable={false} />
      {reviewing &&
        (REVIEWABLE.includes(nomination.status) ? (
          <Decision nomination={nomination} />
        ) : (
          <Notice>
            <p>{format(m.notReviewable, { status: t.nominations.statuses[nomination.status] })}</p>
          </Notice>
        ))}
      <History nomination={nomination} />
    </Page>
  );
}

/** `/organiser/editions/:editionId/nominations/:nominationId`: everything the entrant sent, and the decision. */
export default function NominationPage() {
  const { t } = useI18n();
  const { nominationId = '' } = useParams();
  const nomination = useNomination(nominationId);
  return (
    <QueryState query={nomination} title={t.console.editionSections.nominations} notFound={[400, 404]}>
      {(data) => <NominationView key={data.id} nomination={data} />}
    </QueryState>
  );
}
