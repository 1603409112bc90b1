import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  NOMINATIONS_PAGE_SIZE,
  type Round,
  type RoundProgress,
  useNominationProgress,
  useRemindJurors,
  useRoundProgress,
  useRounds,
} from '../../../api/console-jury';
import { useCategories } from '../../../api/nominations';
import { format, useI18n } from '../../../i18n';
import { Button, ErrorSummary, Notice, Page, SelectField } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import { useConsoleEdition } from '../ConsoleLayout';
import { Pager } from '../entries/shared';
import { categoryName, useJuryError } from './shared';
import './jury-admin.css';
import '../strings/jury';

/** The round shown: the one asked for, else the newest open one, else the newest. */
function chosenRound(rounds: Round[], asked: string | null): Round | undefined {
  const newest = [...rounds].reverse();
  return rounds.find((r) => r.id === asked) ?? newest.find((r) => r.status === 'open') ?? newest[0];
}

/** `/organiser/editions/:editionId/progress?round=…`: scorecards per juror, category and nomination; the reminder. */
export default function ProgressPage() {
  const { t } = useI18n();
  const m = t.consoleJury.progress;
  const edition = useConsoleEdition();
  const rounds = useRounds(edition.id);
  const [params, setParams] = useSearchParams();
  return (
    <Page title={m.title} lead={m.lead}>
      <QueryState query={rounds}>
        {(list) => {
          const round = chosenRound(list, params.get('round'));
          if (!round) return <p>{m.noRounds}</p>;
          return (
            <>
              <div className="jury-narrow">
                <SelectField
                  name="round"
                  label={m.round}
                  value={round.id}
                  onChange={(e) => setParams({ round: e.target.value }, { replace: true })}
                  options={list.map((r) => ({ value: r.id, label: `${r.number}. ${r.name}` }))}
                />
              </div>
              <RoundProgressView key={round.id} roundId={round.id} />
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}

function RoundProgressView({ roundId }: { roundId: string }) {
  const progress = useRoundProgress(roundId);
  return <QueryState query={progress}>{(data) => <ProgressTables progress={data} />}</QueryState>;
}

function ProgressTables({ progress }: { progress: RoundProgress }) {
  const { t, plural, locale } = useI18n();
  const m = t.consoleJury.progress;
  const edition = useConsoleEdition();
  const categories = useCategories(edition.id);
  const { totals } = progress;
  return (
    <>
      <p className="jury-totals">
        {format(plural(m.totals, totals.assigned), { submitted: totals.submitted, drafted: totals.drafted })}
      </p>
      <ReminderSection progress={progress} />
      {totals.assigned === 0 && <p>{m.noAssignments}</p>}
      <section className="section" aria-labelledby="per-juror">
        <h2 id="per-juror">{m.perJuror}</h2>
        <div className="jury-table-wrap">
          <table className="jury-table">
            <caption className="visually-hidden">{m.perJurorCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.consoleJury.jurorColumn}</th>
                <th scope="col">{m.assigned}</th>
                <th scope="col">{m.submitted}</th>
                <th scope="col">{m.drafted}</th>
                <th scope="col">{m.remaining}</th>
                <th scope="col">{m.declaration}</th>
              </tr>
            </thead>
            <tbody>
              {progress.jurors.map((j) => (
                <tr key={j.jurorId}>
                  <th scope="row">{j.fullName}</th>
                  <td>{j.assigned}</td>
                  <td>{j.submitted}</td>
                  <td>{j.drafted}</td>
                  <td className={j.remaining ? 'jury-behind' : undefined}>{j.remaining}</td>
                  <td>
                    {j.conflictsConfirmed
                      ? t.consoleJury.jury.declarationDone
                      : t.consoleJury.jury.declarationMissing}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="section" aria-labelledby="per-category">
        <h2 id="per-category">{m.perCategory}</h2>
        <div className="jury-table-wrap">
          <table className="jury-table">
            <caption className="visually-hidden">{m.perCategoryCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.consoleJury.categoryColumn}</th>
                <th scope="col">{m.assigned}</th>
                <th scope="col">{m.submitted}</th>
                <th scope="col">{m.drafted}</th>
                <th scope="col">{m.remaining}</th>
              </tr>
            </thead>
            <tbody>
              {progress.categories.map((c) => (
                <tr key={c.categoryId}>
                  <th scope="row">{categoryName(categories.data, c.categoryId, locale) || c.categoryCode}</th>
                  <td>{c.assigned}</td>
                  <td>{c.submitted}</td>
                  <td>{c.drafted}</td>
                  <td>{c.remaining}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <NominationsSection progress={progress} />
    </>
  );
}

/** The nominations one page at a time, fewest submitted scorecards first (those the organiser must chase). */
function NominationsSection({ progress }: { progress: RoundProgress }) {
  const { t, locale } = useI18n();
  const m = t.consoleJury.progress;
  const edition = useConsoleEdition();
  const categories = useCategories(edition.id);
  const [page, setPage] = useState(1);
  const nominations = useNominationProgress(progress.round.id, page);
  return (
    <section className="section" aria-labelledby="per-nomination">
      <h2 id="per-nomination">{m.perNomination}</h2>
      <QueryState query={nominations}>
        {(list) => (
          <>
            <div className="jury-table-wrap">
              <table className="jury-table">
                <caption>{format(m.perNominationCaption, { minimum: progress.minScorecards })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.consoleJury.nominationColumn}</th>
                    <th scope="col">{t.consoleJury.categoryColumn}</th>
                    <th scope="col">{m.assigned}</th>
                    <th scope="col">{m.submitted}</th>
                    <th scope="col">{m.status}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((n) => {
                    const below = n.submitted < progress.minScorecards;
                    return (
                      <tr key={n.nominationId}>
                        <th scope="row">{n.title}</th>
                        <td>{categoryName(categories.data, n.categoryId, locale)}</td>
                        <td>{n.assigned}</td>
                        <td>
                          {format(m.ofMinimum, { submitted: n.submitted, minimum: progress.minScorecards })}
                        </td>
                        <td className={below ? 'jury-behind' : 'jury-enough'}>
                          {below ? m.belowMinimum : m.enough}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pager page={page} pageSize={NOMINATIONS_PAGE_SIZE} total={list.total} onPage={setPage} />
          </>
        )}
      </QueryState>
    </section>
  );
}

function ReminderSection({ progress }: { progress: RoundProgress }) {
  const { t, plural, formatDateTime } = useI18n();
  const m = t.consoleJury.progress;
  const remind = useRemindJurors(progress.round.id);
  const error = useJuryError(remind.error);
  const { reminder, behind } = progress;
  const cooling = reminder.availableAt !== null;
  return (
    <section className="section jury-reminder" aria-labelledby="reminder-title">
      <h2 id="reminder-title">{m.remind}</h2>
      <p className="muted">{plural(m.remindLead, reminder.cooldownHours)}</p>
      <p>{behind.length ? plural(m.behind, behind.length) : m.nobodyBehind}</p>
      {remind.isSuccess && (
        <Notice tone="success" live>
          {plural(m.reminded, remind.data.lastReminded ?? 0)}
        </Notice>
      )}
      <ErrorSummary error={error} />
      <div className="actions">
        <Button
          onClick={() => remind.mutate()}
          busy={remind.isPending}
          busyLabel={m.reminding}
          disabled={cooling || behind.length === 0 || progress.round.status === 'closed'}
          aria-describedby="reminder-when"
        >
          {m.remind}
        </Button>
      </div>
      <p id="reminder-when" className="muted">
        {reminder.lastSentAt && format(m.lastReminder, { date: formatDateTime(reminder.lastSentAt) })}{' '}
        {reminder.availableAt && format(m.availableAt, { date: formatDateTime(reminder.availableAt) })}
      </p>
    </section>
  );
}
