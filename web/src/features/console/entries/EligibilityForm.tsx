import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import type { EligibilityDecision } from '../../../api/console-entries';
import { useI18n } from '../../../i18n';
import { Button, fieldId } from '../../../ui';
import { TextAreaField } from '../../nominations/shared';
import '../strings/entries';

const REASON_MAX = 2000;

/**
 * The eligibility decision: eligible, or not eligible with a reason. A missing reason is refused here, in
 * the organiser's words, before anything is sent (the server refuses it too). `onDecide` runs the writes.
 */
export function EligibilityForm({
  idPrefix,
  legend,
  busy,
  busyLabel,
  onDecide,
  beforeSubmit,
}: {
  /** Keeps the fields' ids apart where two forms could share a page. */
  idPrefix: string;
  legend: string;
  busy: boolean;
  busyLabel?: string;
  onDecide: (decision: EligibilityDecision, reason: string | undefined) => void;
  /** A refusal of the form's own (nothing selected), shown before the reason is looked at. */
  beforeSubmit?: () => string | null;
}) {
  const { t } = useI18n();
  const m = t.consoleEntries.nominations;
  const [decision, setDecision] = useState<EligibilityDecision>('eligible');
  const [problem, setProblem] = useState<{ text: string; field?: string } | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const reasonName = `${idPrefix}-reason`;

  useEffect(() => {
    if (problem) summary.current?.focus();
  }, [problem]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const refusal = beforeSubmit?.() ?? null;
    if (refusal) return setProblem({ text: refusal });
    const given = new FormData(event.currentTarget).get(reasonName);
    const reason = typeof given === 'string' ? given.trim() : '';
    if (decision === 'ineligible' && reason === '')
      return setProblem({ text: m.reasonMissing, field: reasonName });
    setProblem(null);
    onDecide(decision, decision === 'ineligible' ? reason : undefined);
  };

  let alert: ReactNode = null;
  if (problem)
    alert = (
      <div
        className="error-summary"
        ref={summary}
        tabIndex={-1}
        role="alert"
        aria-labelledby={`${idPrefix}-problem-title`}
      >
        <h3 id={`${idPrefix}-problem-title`}>{t.problems.heading}</h3>
        {problem.field ? (
          <p>
            <a href={`#${fieldId(problem.field)}`}>{problem.text}</a>
          </p>
        ) : (
          <p>{problem.text}</p>
        )}
      </div>
    );

  return (
    <form className="entries-decision" onSubmit={submit} noValidate>
      {alert}
      <fieldset className="entries-decision__choice">
        <legend>{legend}</legend>
        {(['eligible', 'ineligible'] as const).map((value) => (
          <div className="checkbox" key={value}>
            <input
              type="radio"
              id={`${idPrefix}-${value}`}
              name={`${idPrefix}-decision`}
              value={value}
              checked={decision === value}
              onChange={() => setDecision(value)}
            />
            <label htmlFor={`${idPrefix}-${value}`}>{m[value]}</label>
          </div>
        ))}
      </fieldset>
      <TextAreaField
        name={reasonName}
        label={m.reason}
        hint={m.reasonHint}
        rows={3}
        maxLength={REASON_MAX}
        errors={problem?.field === reasonName ? [m.reasonMissing] : []}
      />
      <Button type="submit" busy={busy} busyLabel={busyLabel}>
        {m.decide}
      </Button>
    </form>
  );
}
