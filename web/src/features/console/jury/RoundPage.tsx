import { type FormEvent, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  type AutoAssignResult,
  NOMINATIONS_PAGE_SIZE,
  type Panel,
  type RoundProgress,
  useAddAssignment,
  useAutoAssign,
  usePanels,
  useRemoveAssignment,
  useNominationProgress,
  useRoundProgress,
} from '../../../api/console-jury';
import { type Category, useCategories } from '../../../api/nominations';
import { format, useI18n } from '../../../i18n';
import { Button, ErrorSummary, Field, Notice, Page, SelectField } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useConsoleEdition } from '../ConsoleLayout';
import { CalibrationSection } from './CalibrationSection';
import { Pager } from '../entries/shared';
import { categoryName, useJuryError } from './shared';
import './jury-admin.css';
import '../strings/jury';

/** `/organiser/editions/:editionId/rounds/:roundId`: the round's assignments, automatic and by hand. */
export default function RoundPage() {
  const { t } = useI18n();
  const { roundId = '' } = useParams();
  const progress = useRoundProgress(roundId);
  return (
    <QueryState query={progress} title={t.consoleJury.rounds.title} notFound={[400, 404]}>
      {(data) => <RoundScreen progress={data} />}
    </QueryState>
  );
}

function RoundScreen({ progress }: { progress: RoundProgress }) {
  const { t, locale } = useI18n();
  const m = t.consoleJury.round;
  const edition = useConsoleEdition();
  const categories = useCategories(edition.id);
  const panels = usePanels(edition.id);
  const { round } = progress;
  const [categoryId, setCategoryId] = useState<string | undefined>(undefined);
  const chosen = categoryId ?? categories.data?.[0]?.id;
  const panel = panels.data?.find((p) => p.categoryId === chosen);
  return (
    <Page title={format(m.title, { number: round.number, name: round.name })}>
      <p>
        <Link to={`/organiser/editions/${edition.id}/rounds`}>{m.back}</Link>
      </p>
      {round.status === 'closed' && (
        <Notice tone="warning">
          <p>{m.closed}</p>
        </Notice>
      )}
      {categories.data && (
        <div className="jury-narrow">
          <SelectField
            name="category"
            label={m.category}
            value={chosen}
            onChange={(e) => setCategoryId(e.target.value)}
            options={categories.data.map((c) => ({ value: c.id, label: c.name[locale] || c.name.en }))}
          />
        </div>
      )}
      {chosen && panel && categories.data && (
        <>
          <AutoAssignSection
            key={`auto-${chosen}`}
            roundId={round.id}
            categoryId={chosen}
            categories={categories.data}
            panel={panel}
          />
          <ManualSection
            key={`manual-${chosen}`}
            roundId={round.id}
            categoryId={chosen}
            categories={categories.data}
            panel={panel}
          />
          <CalibrationSection
            key={`calibration-${chosen}`}
            roundId={round.id}
            categoryId={chosen}
            categories={categories.data}
            progress={progress}
          />
        </>
      )}
    </Page>
  );
}

interface SectionProps {
  roundId: string;
  categoryId: string;
  categories: Category[];
  panel: Panel;
}

function AutoAssignSection({ roundId, categoryId, categories, panel }: SectionProps) {
  const { t, locale, plural } = useI18n();
  const m = t.consoleJury.round;
  const auto = useAutoAssign(roundId);
  const [perNomination, setPerNomination] = useState('3');
  const [preview, setPreview] = useState<AutoAssignResult | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const error = useJuryError(auto.error, categories);
  const name = categoryName(categories, categoryId, locale);
  const k = Number(perNomination);

  const runPreview = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    setPreview(null);
    auto.mutate({ perNomination: k, categoryId, dryRun: true }, { onSuccess: setPreview });
  };
  const save = () =>
    auto.mutate(
      { perNomination: preview!.perNomination, categoryId, dryRun: false },
      {
        onSuccess: (result) => {
          setPreview(null);
          setSaved(plural(m.saved, result.created));
        },
      },
    );

  const names = new Map(panel.jurors.map((j) => [j.id, j.fullName]));
  const summary = preview?.categories[0];
  return (
    <section className="section" aria-labelledby="auto-title">
      <h2 id="auto-title">{m.auto}</h2>
      <p className="muted">{m.autoLead}</p>
      {saved && (
        <Notice tone="success" live>
          {saved}
        </Notice>
      )}
      {auto.error ? (
        <div className="jury-infeasible">
          <ErrorSummary error={error} fields={{ perNomination: m.perNomination }} />
        </div>
      ) : null}
      <form className="jury-inline-form" onSubmit={runPreview}>
        <Field
          name="perNomination"
          type="number"
          min={1}
          max={100}
          required
          label={m.perNomination}
          value={perNomination}
          onChange={(e) => setPerNomination(e.target.value)}
        />
        <Button type="submit" variant="secondary" busy={auto.isPending} busyLabel={m.previewing}>
          {m.preview}
        </Button>
      </form>
      {preview && summary && (
        <section className="jury-preview" aria-labelledby="preview-title">
          <h3 id="preview-title">{m.previewHeading}</h3>
          <p>
            {format(plural(m.previewSummary, preview.created), {
              category: name,
              min: summary.minimumLoad,
              max: summary.maximumLoad,
            })}
          </p>
          {preview.removed > 0 && <p>{plural(m.replaces, preview.removed)}</p>}
          <div className="jury-preview__tables">
            <div className="jury-table-wrap">
              <table className="jury-table">
                <caption>{m.loadsCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.consoleJury.jurorColumn}</th>
                    <th scope="col">{m.load}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...preview.loads]
                    .sort((a, b) => a.fullName.localeCompare(b.fullName, locale))
                    .map((l) => (
                      <tr key={l.jurorId}>
                        <th scope="row">{l.fullName}</th>
                        <td>{l.load}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
            <div className="jury-table-wrap">
              <table className="jury-table">
                <caption>{m.perNominationCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.consoleJury.nominationColumn}</th>
                    <th scope="col">{m.jurors}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.nominations.map((n) => (
                    <tr key={n.nominationId}>
                      <th scope="row">{n.title}</th>
                      <td>{n.jurorIds.map((id) => names.get(id) ?? id).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <div className="actions">
            <Button busy={auto.isPending} busyLabel={t.consoleJury.saving} onClick={save}>
              {m.save}
            </Button>
            <Button variant="secondary" onClick={() => setPreview(null)}>
              {m.discard}
            </Button>
          </div>
        </section>
      )}
    </section>
  );
}

interface Pending {
  nominationId: string;
  title: string;
  jurorId: string;
  juror: string;
}

function ManualSection({ roundId, categoryId, categories, panel }: SectionProps) {
  const { t, locale } = useI18n();
  const m = t.consoleJury.round;
  // Keyed by category: another category starts from its first page.
  const [page, setPage] = useState(1);
  const nominations = useNominationProgress(roundId, page, categoryId);
  const add = useAddAssignment(roundId);
  const remove = useRemoveAssignment(roundId);
  const recuse = useRemoveAssignment(roundId);
  const [done, setDone] = useState<string | null>(null);
  const [recusing, setRecusing] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const error = useJuryError(add.error ?? remove.error, categories);
  const recuseError = useJuryError(recuse.error, categories);
  // A recusal always says why: an empty reason never reaches the server.
  const recuseAction = {
    ...recuse,
    error: recuseError as Error | null,
    mutate: (variables, options) => {
      if (!variables.reason) setReasonMissing(true);
      else recuse.mutate(variables, options);
    },
  } as typeof recuse;
  const names = new Map(panel.jurors.map((j) => [j.id, j.fullName]));
  const name = categoryName(categories, categoryId, locale);
  const dialogId = useId();

  return (
    <section className="section" aria-labelledby="manual-title">
      <h2 id="manual-title">{m.manual}</h2>
      <p className="muted">{m.manualLead}</p>
      {done && (
        <Notice tone="success" live>
          {done}
        </Notice>
      )}
      <ErrorSummary error={error} />
      <QueryState query={nominations}>
        {(list) => {
          if (!list.items.length) return <p>{m.noNominations}</p>;
          return (
            <>
              <div className="jury-table-wrap">
                <table className="jury-table jury-assignments">
                  <caption>{format(m.manualCaption, { category: name })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.consoleJury.nominationColumn}</th>
                      <th scope="col">{m.jurors}</th>
                      <th scope="col">{t.consoleJury.actions}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((n) => {
                      const jurors = n.assignments;
                      return (
                        <tr key={n.nominationId}>
                          <th scope="row">{n.title}</th>
                          <td>
                            {jurors.length === 0 ? (
                              <span className="muted">{m.nobodyAssigned}</span>
                            ) : (
                              <ul className="jury-assignees">
                                {jurors.map((a) => {
                                  const juror = names.get(a.jurorId) ?? a.jurorId;
                                  const pending = {
                                    nominationId: n.nominationId,
                                    title: n.title,
                                    jurorId: a.jurorId,
                                    juror,
                                  };
                                  return (
                                    <li key={a.jurorId}>
                                      <span>
                                        {juror}
                                        {a.scorecardStatus && (
                                          <span className="muted"> ({m.scorecard[a.scorecardStatus]})</span>
                                        )}
                                        {!a.active && <span className="muted"> ({m.inactive})</span>}
                                      </span>
                                      <span className="jury-assignees__actions">
                                        <Button
                                          variant="secondary"
                                          busy={remove.isPending}
                                          aria-label={format(m.removeNamed, { juror, nomination: n.title })}
                                          onClick={() => {
                                            add.reset();
                                            remove.mutate(pending, {
                                              onSuccess: () =>
                                                setDone(format(m.removed, { juror, nomination: n.title })),
                                            });
                                          }}
                                        >
                                          {m.remove}
                                        </Button>
                                        <Button
                                          variant="secondary"
                                          aria-label={format(m.recuseNamed, { juror, nomination: n.title })}
                                          onClick={() => {
                                            setReason('');
                                            setReasonMissing(false);
                                            setRecusing(pending);
                                          }}
                                        >
                                          {m.recuse}
                                        </Button>
                                      </span>
                                    </li>
                                  );
                                })}
                              </ul>
                            )}
                          </td>
                          <td>
                            <AddJuror
                              nominationId={n.nominationId}
                              title={n.title}
                              panel={panel}
                              taken={new Set(jurors.map((a) => a.jurorId))}
                              busy={add.isPending}
                              onAdd={(jurorId, juror) => {
                                remove.reset();
                                add.mutate(
                                  { nominationId: n.nominationId, jurorId },
                                  {
                                    onSuccess: () => setDone(format(m.added, { juror, nomination: n.title })),
                                  },
                                );
                              }}
                            />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pager page={page} pageSize={NOMINATIONS_PAGE_SIZE} total={list.total} onPage={setPage} />
            </>
          );
        }}
      </QueryState>
      {recusing && (
        <ConfirmDialog
          id={dialogId}
          title={format(m.recuseTitle, { juror: recusing.juror, nomination: recusing.title })}
          confirmLabel={m.recuseConfirm}
          action={recuseAction}
          variables={{
            nominationId: recusing.nominationId,
            jurorId: recusing.jurorId,
            reason: reason.trim(),
          }}
          onDone={(succeeded) => {
            if (succeeded) setDone(format(m.recused, { juror: recusing.juror, nomination: recusing.title }));
            setRecusing(null);
          }}
        >
          <p>{m.recuseLead}</p>
          <Field
            name="recuse-reason"
            label={m.recuseReason}
            value={reason}
            required
            errors={reasonMissing ? [m.reasonNeeded] : undefined}
            onChange={(e) => {
              setReasonMissing(false);
              setReason(e.target.value);
            }}
          />
        </ConfirmDialog>
      )}
    </section>
  );
}

function AddJuror({
  nominationId,
  title,
  panel,
  taken,
  busy,
  onAdd,
}: {
  nominationId: string;
  title: string;
  panel: Panel;
  taken: Set<string>;
  busy: boolean;
  onAdd: (jurorId: string, name: string) => void;
}) {
  const { t } = useI18n();
  const m = t.consoleJury.round;
  const [chosen, setChosen] = useState('');
  const free = panel.jurors.filter((j) => !taken.has(j.id));
  if (!free.length) return <span className="muted">{m.noneToAdd}</span>;
  return (
    <form
      className="jury-inline-form jury-inline-form--compact"
      onSubmit={(event) => {
        event.preventDefault();
        const juror = free.find((j) => j.id === chosen);
        if (juror) onAdd(juror.id, juror.fullName);
      }}
    >
      <SelectField
        name={`add-${nominationId}`}
        label={format(m.addJuror, { nomination: title })}
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
        options={[
          { value: '', label: t.consoleJury.jury.chooseJuror },
          ...free.map((j) => ({ value: j.id, label: j.fullName })),
        ]}
      />
      <Button type="submit" variant="secondary" busy={busy}>
        {m.add}
      </Button>
    </form>
  );
}
