import { type FormEvent, useState } from 'react';
import type { EditionChanges, NewEdition } from '../../../api/console-editions';
import type { Edition } from '../../../api/nominations';
import { format, useI18n } from '../../../i18n';
import {
  Button,
  Checkbox,
  ErrorSummary,
  Field,
  fieldId,
  formText,
  Notice,
  SelectField,
  useFieldErrors,
} from '../../../ui';
import { judgingHasOpened } from './shared';
import { fromZonedInput, toZonedInput } from './zoned-time';
import '../strings/editions';

const SCORING_METHODS = ['mean', 'trimmed_mean', 'zscore'] as const;
const DATE_FIELDS = [
  'nominationsOpenAt',
  'nominationsCloseAt',
  'judgingOpenAt',
  'judgingCloseAt',
  'resultsEmbargoUntil',
] as const;
/** The rules that decide a ranking, or what is published about the jury: fixed once judging opens. */
const JUDGING_RULES = [
  'scoringMethod',
  'tieBreakers',
  'minScorecards',
  'blind',
  'publishJuryStatistics',
] as const;

type Values = Required<NewEdition>;

/** A criterion a tie-breaker may name: its code and its name in the reader's language. */
export interface TieBreakerCriterion {
  code: string;
  name: string;
}

interface EditionFormProps {
  /** The edition being edited; none when creating one. */
  edition?: Edition;
  criteria: TieBreakerCriterion[];
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  error: unknown;
  /** A new edition's values, or only what changed in an existing one (maybe nothing). */
  onSubmit: (values: NewEdition | EditionChanges) => void;
}

/** The fields of an edition: name and slug, the timeline in the organiser's time zone, and the rules. */
export function EditionForm({
  edition,
  criteria,
  submitLabel,
  busyLabel,
  busy,
  error,
  onSubmit,
}: EditionFormProps) {
  const { t, timeZone } = useI18n();
  const m = t.consoleEditions.form;
  const errorsFor = useFieldErrors(error);
  const [tieBreakers, setTieBreakers] = useState<string[]>(edition?.tieBreakers ?? []);
  const [choice, setChoice] = useState('');
  const frozen = edition !== undefined && judgingHasOpened(edition);

  const labels: Record<string, string> = {
    name: m.name,
    slug: m.slug,
    nominationsOpenAt: m.nominationsOpenAt,
    nominationsCloseAt: m.nominationsCloseAt,
    judgingOpenAt: m.judgingOpenAt,
    judgingCloseAt: m.judgingCloseAt,
    resultsEmbargoUntil: m.resultsEmbargoUntil,
    scoringMethod: m.scoringMethod,
    tieBreakers: m.tieBreakers,
    minScorecards: m.minScorecards,
    blind: m.blind,
    calibrationFeedback: m.calibrationFeedback,
    publishJuryStatistics: m.publishJuryStatistics,
    maxNominationsPerCompanyPerCategory: m.maxNominations,
    reminderLeadHours: m.reminderLeadHours,
    minJurorAgreement: m.minJurorAgreement,
    maxJurorLeniencySigma: m.maxJurorLeniencySigma,
  };

  const tieBreakerName = (tieBreaker: string) => {
    if (tieBreaker === 'median' || tieBreaker === 'top_marks') return m.tieBreakerNames[tieBreaker];
    const code = tieBreaker.slice('criterion:'.length);
    const name = criteria.find((c) => c.code === code)?.name ?? code;
    return format(m.tieBreakerNames.criterion, { name, code });
  };
  const offered = ['median', 'top_marks', ...criteria.map((c) => `criterion:${c.code}`)].filter(
    (option) => !tieBreakers.includes(option),
  );
  const move = (index: number, by: -1 | 1) =>
    setTieBreakers((list) => {
      const next = [...list];
      [next[index], next[index + by]] = [next[index + by]!, next[index]!];
      return next;
    });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const number = (name: string) => {
      const text = formText(form, name).trim();
      return text === '' ? Number.NaN : Number(text);
    };
    const values: Values = {
      name: formText(form, 'name'),
      slug: formText(form, 'slug').trim(),
      nominationsOpenAt: fromZonedInput(formText(form, 'nominationsOpenAt'), timeZone),
      nominationsCloseAt: fromZonedInput(formText(form, 'nominationsCloseAt'), timeZone),
      judgingOpenAt: fromZonedInput(formText(form, 'judgingOpenAt'), timeZone),
      judgingCloseAt: fromZonedInput(formText(form, 'judgingCloseAt'), timeZone),
      resultsEmbargoUntil: fromZonedInput(formText(form, 'resultsEmbargoUntil'), timeZone) || null,
      scoringMethod: formText(form, 'scoringMethod') as Values['scoringMethod'],
      tieBreakers,
      minScorecards: number('minScorecards'),
      blind: form.get('blind') === 'on',
      calibrationFeedback: form.get('calibrationFeedback') === 'on',
      publishJuryStatistics: form.get('publishJuryStatistics') === 'on',
      maxNominationsPerCompanyPerCategory: number('maxNominationsPerCompanyPerCategory'),
      reminderLeadHours: number('reminderLeadHours'),
      minJurorAgreement: number('minJurorAgreement'),
      maxJurorLeniencySigma: number('maxJurorLeniencySigma'),
    };
    if (!edition) {
      onSubmit(values);
      return;
    }
    // Only what changed: a time shown to the minute, untouched, is not a change to the second.
    const changes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values) as [keyof Values, unknown][]) {
      if (frozen && (JUDGING_RULES as readonly string[]).includes(key)) continue;
      const unchanged = (DATE_FIELDS as readonly string[]).includes(key)
        ? formText(form, key) === toZonedInput(edition[key] as string | null, timeZone)
        : JSON.stringify(value) === JSON.stringify(edition[key]);
      if (!unchanged) changes[key] = value;
    }
    onSubmit(changes);
  };

  const dateField = (name: (typeof DATE_FIELDS)[number], required = true) => (
    <Field
      name={name}
      label={labels[name]!}
      type="datetime-local"
      required={required}
      hint={name === 'resultsEmbargoUntil' ? m.embargoHint : undefined}
      defaultValue={toZonedInput(edition?.[name], timeZone)}
      errors={errorsFor(name)}
    />
  );

  return (
    <>
      <ErrorSummary error={error} fields={labels} />
      <form className="form form--wide ed-form" onSubmit={submit} noValidate>
        <fieldset className="ed-fieldset">
          <legend>{m.identity}</legend>
          <Field
            name="name"
            label={m.name}
            hint={m.nameHint}
            required
            maxLength={200}
            defaultValue={edition?.name}
            errors={errorsFor('name')}
          />
          <Field
            name="slug"
            label={m.slug}
            hint={m.slugHint}
            required
            maxLength={80}
            autoCapitalize="none"
            spellCheck={false}
            defaultValue={edition?.slug}
            errors={errorsFor('slug')}
          />
        </fieldset>

        <fieldset className="ed-fieldset" aria-describedby="timeline-hint">
          <legend>{m.timeline}</legend>
          <p className="field__hint" id="timeline-hint">
            {format(m.timelineHint, { zone: timeZone })}
          </p>
          <div className="ed-dates">
            {dateField('nominationsOpenAt')}
            {dateField('nominationsCloseAt')}
            {dateField('judgingOpenAt')}
            {dateField('judgingCloseAt')}
          </div>
          {dateField('resultsEmbargoUntil', false)}
        </fieldset>

        <fieldset className="ed-fieldset">
          <legend>{m.rules}</legend>
          {frozen && (
            <Notice>
              <p>{m.judgingRulesFrozen}</p>
            </Notice>
          )}
          <SelectField
            name="scoringMethod"
            label={m.scoringMethod}
            disabled={frozen}
            defaultValue={edition?.scoringMethod ?? 'mean'}
            options={SCORING_METHODS.map((method) => ({ value: method, label: m.scoringMethods[method] }))}
            errors={errorsFor('scoringMethod')}
          />
          <div
            className={errorsFor('tieBreakers').length ? 'field field--invalid' : 'field'}
            role="group"
            aria-labelledby="tie-breakers-label"
            aria-describedby="tie-breakers-hint"
            id={fieldId('tieBreakers')}
            tabIndex={-1}
          >
            <span className="field__label" id="tie-breakers-label">
              {m.tieBreakers}
            </span>
            <p className="field__hint" id="tie-breakers-hint">
              {m.tieBreakersHint}
            </p>
            {errorsFor('tieBreakers').length > 0 && (
              <p className="field__error">{errorsFor('tieBreakers').join(' ')}</p>
            )}
            {tieBreakers.length === 0 ? (
              <p className="muted">{m.tieBreakersNone}</p>
            ) : (
              <ol className="ed-tie-breakers">
                {tieBreakers.map((tieBreaker, index) => {
                  const name = tieBreakerName(tieBreaker);
                  return (
                    <li key={tieBreaker}>
                      <span>{name}</span>
                      {!frozen && (
                        <span className="ed-row-actions">
                          <button
                            type="button"
                            className="button button--secondary ed-small"
                            aria-label={format(m.moveUp, { name })}
                            disabled={index === 0}
                            onClick={() => move(index, -1)}
                          >
                            ↑
                          </button>
                          <button
                            type="button"
                            className="button button--secondary ed-small"
                            aria-label={format(m.moveDown, { name })}
                            disabled={index === tieBreakers.length - 1}
                            onClick={() => move(index, 1)}
                          >
                            ↓
                          </button>
                          <button
                            type="button"
                            className="button button--secondary ed-small"
                            aria-label={format(m.remove, { name })}
                            onClick={() => setTieBreakers((list) => list.filter((x) => x !== tieBreaker))}
                          >
                            ✕
                          </button>
                        </span>
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
            {!frozen && offered.length > 0 && (
              <div className="ed-inline">
                <label className="visually-hidden" htmlFor="tie-breaker-choice">
                  {m.addTieBreaker}
                </label>
                <select
                  id="tie-breaker-choice"
                  className="input"
                  value={choice}
                  onChange={(event) => setChoice(event.target.value)}
                >
                  <option value="">{m.chooseTieBreaker}</option>
                  {offered.map((option) => (
                    <option key={option} value={option}>
                      {tieBreakerName(option)}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    if (!choice) return;
                    setTieBreakers((list) => [...list, choice]);
                    setChoice('');
                  }}
                >
                  {m.add}
                </button>
              </div>
            )}
          </div>
          <Field
            name="minScorecards"
            label={m.minScorecards}
            hint={m.minScorecardsHint}
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            disabled={frozen}
            defaultValue={edition?.minScorecards ?? 3}
            errors={errorsFor('minScorecards')}
          />
          <Checkbox
            name="blind"
            label={m.blind}
            hint={m.blindHint}
            disabled={frozen}
            defaultChecked={edition?.blind ?? false}
          />
          <Checkbox
            name="calibrationFeedback"
            label={m.calibrationFeedback}
            hint={m.calibrationFeedbackHint}
            defaultChecked={edition?.calibrationFeedback ?? false}
          />
          <Checkbox
            name="publishJuryStatistics"
            label={m.publishJuryStatistics}
            hint={m.publishJuryStatisticsHint}
            disabled={frozen}
            defaultChecked={edition?.publishJuryStatistics ?? false}
          />
          <Field
            name="maxNominationsPerCompanyPerCategory"
            label={m.maxNominations}
            hint={m.maxNominationsHint}
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            defaultValue={edition?.maxNominationsPerCompanyPerCategory ?? 3}
            errors={errorsFor('maxNominationsPerCompanyPerCategory')}
          />
          <Field
            name="reminderLeadHours"
            label={m.reminderLeadHours}
            hint={m.reminderLeadHoursHint}
            type="number"
            inputMode="numeric"
            min={0}
            max={720}
            defaultValue={edition?.reminderLeadHours ?? 72}
            errors={errorsFor('reminderLeadHours')}
          />
          {/* Jury analytics: when a juror is flagged (not a ranking rule, so never frozen). */}
          <Field
            name="minJurorAgreement"
            label={m.minJurorAgreement}
            hint={m.minJurorAgreementHint}
            type="number"
            inputMode="decimal"
            min={-1}
            max={1}
            step={0.01}
            defaultValue={edition?.minJurorAgreement ?? 0.3}
            errors={errorsFor('minJurorAgreement')}
          />
          <Field
            name="maxJurorLeniencySigma"
            label={m.maxJurorLeniencySigma}
            hint={m.maxJurorLeniencySigmaHint}
            type="number"
            inputMode="decimal"
            min={0.01}
            max={9.99}
            step={0.01}
            defaultValue={edition?.maxJurorLeniencySigma ?? 1}
            errors={errorsFor('maxJurorLeniencySigma')}
          />
        </fieldset>
        <div className="actions">
          <Button type="submit" busy={busy} busyLabel={busyLabel}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </>
  );
}
