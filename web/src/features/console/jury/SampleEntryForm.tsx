import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { SampleEntryInput } from '../../../api/console-jury';
import type { Category } from '../../../api/nominations';
import { format, useI18n } from '../../../i18n';
import { Button, Field, fieldId, useFieldErrors } from '../../../ui';
import { Counter, localized, TextAreaField } from '../../nominations/shared';
import '../strings/jury';

const TITLE_MAX = 200;
const SUMMARY_MAX = 2000;

interface Props {
  category: Category;
  categoryLabel: string;
  busy: boolean;
  /** The last refusal of an add, for the fields' own lines. */
  error: unknown;
  onAdd: (input: SampleEntryInput, done: () => void) => void;
}

/**
 * Writing a sample entry (issue 17): a made-up project in the category — title, summary and the answers to
 * the category's questions — that every panel juror scores for calibration and that never competes. Behind
 * a disclosure button; opening it puts focus on the title, closing it puts focus back on the button.
 */
export function SampleEntryForm({ category, categoryLabel, busy, error, onAdd }: Props) {
  const { t, locale } = useI18n();
  const m = t.consoleJury.calibration.sample;
  const errorsFor = useFieldErrors(error);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const wasOpen = useRef(false);

  useEffect(() => {
    if (open) document.getElementById(fieldId('sample-title'))?.focus();
    else if (wasOpen.current) document.getElementById('sample-open')?.focus();
    wasOpen.current = open;
  }, [open]);

  const close = () => {
    setOpen(false);
    setTitle('');
    setSummary('');
    setAnswers({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const given = Object.fromEntries(Object.entries(answers).filter(([, text]) => text.trim() !== ''));
    onAdd({ categoryId: category.id, title, summary, answers: given }, close);
  };

  return (
    <div className="jury-sample">
      <h3 id="sample-title">{m.title}</h3>
      <p className="muted">{format(m.lead, { category: categoryLabel })}</p>
      <Button
        id="sample-open"
        variant="secondary"
        aria-expanded={open}
        aria-controls={open ? 'sample-form' : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {m.open}
      </Button>
      {open && (
        <form id="sample-form" className="jury-sample__form" noValidate onSubmit={submit}>
          <fieldset className="jury-sample__fieldset">
            <legend>{format(m.legend, { category: categoryLabel })}</legend>
            <Field
              name="sample-title"
              label={t.nominations.nominationTitle}
              required
              maxLength={TITLE_MAX}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              errors={errorsFor('title')}
            />
            <TextAreaField
              name="sample-summary"
              label={t.nominations.summary}
              required
              rows={4}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              errors={errorsFor('summary')}
              counter={<Counter length={summary.length} max={SUMMARY_MAX} />}
            />
            {category.questions.map((question) => {
              const text = answers[question.code] ?? '';
              return (
                <TextAreaField
                  key={question.code}
                  name={`sample-answers.${question.code}`}
                  label={`${localized(question.prompt, locale)} ${
                    question.required ? t.nominations.requiredQuestion : t.nominations.optionalQuestion
                  }`}
                  required={question.required}
                  rows={4}
                  value={text}
                  onChange={(e) => setAnswers({ ...answers, [question.code]: e.target.value })}
                  errors={errorsFor(`answers.${question.code}`)}
                  counter={<Counter length={text.length} max={question.maxLength} />}
                />
              );
            })}
          </fieldset>
          <div className="jury-sample__actions">
            <Button type="submit" busy={busy}>
              {m.add}
            </Button>
            <Button variant="secondary" onClick={close}>
              {m.cancel}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
