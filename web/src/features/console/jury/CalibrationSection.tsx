import { useState } from 'react';
import {
  NOMINATIONS_PAGE_SIZE,
  type RoundCalibration,
  type RoundProgress,
  useCalibrationMark,
  useNominationProgress,
  useRoundCalibration,
  useSampleEntry,
} from '../../../api/console-jury';
import type { Category } from '../../../api/nominations';
import { format, useI18n } from '../../../i18n';
import { Button, ErrorSummary, Notice, SelectField } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import { Pager } from '../entries/shared';
import { SampleEntryForm } from './SampleEntryForm';
import { categoryName, useJuryError } from './shared';
import '../strings/jury';

interface Props {
  roundId: string;
  categoryId: string;
  categories: Category[];
  progress: RoundProgress;
}

/**
 * The round's calibration entries in one category (issue 17): mark a nomination (every panel juror gets it
 * and it never competes), unmark one, write a sample entry (no company's) or remove one nobody scored yet,
 * and see each juror's total on each against the panel's median.
 */
export function CalibrationSection({ roundId, categoryId, categories, progress }: Props) {
  const { t, locale } = useI18n();
  const m = t.consoleJury.calibration;
  const calibration = useRoundCalibration(roundId);
  const marking = useCalibrationMark(roundId);
  const samples = useSampleEntry(roundId);
  const [chosen, setChosen] = useState('');
  // The category's competing nominations, a page at a time (fewest submitted scorecards first).
  const [page, setPage] = useState(1);
  const nominations = useNominationProgress(roundId, page, categoryId);
  const [done, setDone] = useState<string | null>(null);
  const error = useJuryError(samples.error ?? marking.error, categories);
  const category = categories.find((c) => c.id === categoryId);
  const name = categoryName(categories, categoryId, locale);
  const open = progress.round.status === 'open';
  const candidates = nominations.data?.items ?? [];

  const removeSample = (nominationId: string, title: string) => {
    setDone(null);
    marking.reset();
    samples.mutate(
      { remove: nominationId, title },
      { onSuccess: () => setDone(format(m.sample.removed, { nomination: title })) },
    );
  };

  const change = (nominationId: string, title: string, unmark: boolean) => {
    setDone(null);
    samples.reset();
    marking.mutate(
      { nominationId, title, unmark },
      {
        onSuccess: () => {
          setChosen('');
          setDone(format(unmark ? m.unmarked : m.marked, { nomination: title }));
        },
      },
    );
  };

  return (
    <section className="section" aria-labelledby="calibration-title">
      <h2 id="calibration-title">{m.title}</h2>
      <p className="muted">{m.lead}</p>
      {done && (
        <Notice tone="success" live>
          {done}
        </Notice>
      )}
      <ErrorSummary error={error} />
      {open && candidates.length > 0 && (
        <form
          className="jury-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            const nomination = candidates.find((n) => n.nominationId === chosen);
            if (nomination) change(nomination.nominationId, nomination.title, false);
          }}
        >
          <SelectField
            name="calibration-nomination"
            label={format(m.choose, { category: name })}
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            options={[
              { value: '', label: m.chooseNone },
              ...candidates.map((n) => ({ value: n.nominationId, label: n.title })),
            ]}
          />
          <Button type="submit" variant="secondary" busy={marking.isPending}>
            {m.mark}
          </Button>
        </form>
      )}
      {open && nominations.data && nominations.data.total > NOMINATIONS_PAGE_SIZE && (
        <Pager
          page={page}
          pageSize={NOMINATIONS_PAGE_SIZE}
          total={nominations.data.total}
          onPage={(next) => {
            setChosen('');
            setPage(next);
          }}
        />
      )}
      <QueryState query={calibration}>
        {(data) => (
          <CalibrationEntries
            data={data}
            categoryId={categoryId}
            category={name}
            open={open}
            busy={marking.isPending || samples.isPending}
            onUnmark={(id, title) => change(id, title, true)}
            onRemoveSample={removeSample}
          />
        )}
      </QueryState>
      {open && category && (
        <SampleEntryForm
          category={category}
          categoryLabel={name}
          busy={samples.isPending}
          error={samples.error}
          onAdd={(input, close) => {
            setDone(null);
            marking.reset();
            samples.mutate(
              { add: input },
              {
                onSuccess: ({ title }) => {
                  close();
                  setDone(format(m.sample.added, { nomination: title }));
                },
              },
            );
          }}
        />
      )}
    </section>
  );
}

function CalibrationEntries({
  data,
  categoryId,
  category,
  open,
  busy,
  onUnmark,
  onRemoveSample,
}: {
  data: RoundCalibration;
  categoryId: string;
  category: string;
  open: boolean;
  busy: boolean;
  onUnmark: (nominationId: string, title: string) => void;
  onRemoveSample: (nominationId: string, title: string) => void;
}) {
  const { t, plural, locale, formatDecimal } = useI18n();
  // "+2.0000" for a juror above the median: the sign is the point.
  const signed = (value: string) => formatDecimal(value, { signed: true });
  const m = t.consoleJury.calibration;
  const entries = data.entries.filter((e) => e.categoryId === categoryId);
  if (!entries.length) return <p>{format(m.none, { category })}</p>;
  const jurorIds = new Set(entries.flatMap((e) => e.jurors.map((j) => j.jurorId)));
  return (
    <>
      {entries.map((entry) => (
        <div key={entry.nominationId} className="jury-calibration">
          <h3>
            {entry.title}
            {entry.sample && <span className="jury-sample__badge">{m.sample.badge}</span>}
          </h3>
          <p>
            {format(plural(m.submitted, entry.assigned), { submitted: entry.submitted })}{' '}
            {entry.median === null ? m.noMedian : format(m.median, { median: formatDecimal(entry.median) })}
          </p>
          {entry.jurors.length > 0 && (
            <div className="jury-table-wrap">
              <table className="jury-table">
                <caption>{format(m.entryCaption, { nomination: entry.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.consoleJury.jurorColumn}</th>
                    <th scope="col" className="jury-calibration__num">
                      {m.total}
                    </th>
                    <th scope="col" className="jury-calibration__num">
                      {m.deviation}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...entry.jurors]
                    .sort((a, b) => a.fullName.localeCompare(b.fullName, locale))
                    .map((j) => (
                      <tr key={j.jurorId}>
                        <th scope="row">{j.fullName}</th>
                        <td className="jury-calibration__num">{formatDecimal(j.total)}</td>
                        <td className="jury-calibration__num">{signed(j.deviation)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          )}
          {open &&
            (entry.sample ? (
              <Button
                variant="danger"
                busy={busy}
                aria-label={format(m.sample.removeNamed, { nomination: entry.title })}
                onClick={() => onRemoveSample(entry.nominationId, entry.title)}
              >
                {m.sample.remove}
              </Button>
            ) : (
              <Button
                variant="secondary"
                busy={busy}
                aria-label={format(m.unmarkNamed, { nomination: entry.title })}
                onClick={() => onUnmark(entry.nominationId, entry.title)}
              >
                {m.unmark}
              </Button>
            ))}
        </div>
      ))}
      {jurorIds.size > 0 && (
        <div className="jury-table-wrap">
          <table className="jury-table">
            <caption>{m.jurorsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.consoleJury.jurorColumn}</th>
                <th scope="col" className="jury-calibration__num">
                  {m.entries}
                </th>
                <th scope="col" className="jury-calibration__num">
                  {m.meanDeviation}
                </th>
                <th scope="col" className="jury-calibration__num">
                  {m.meanAbsoluteDeviation}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.jurors.map((j) => (
                <tr key={j.jurorId}>
                  <th scope="row">{j.fullName}</th>
                  <td className="jury-calibration__num">{j.entries}</td>
                  <td className="jury-calibration__num">{signed(j.meanDeviation)}</td>
                  <td className="jury-calibration__num">{formatDecimal(j.meanAbsoluteDeviation)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
