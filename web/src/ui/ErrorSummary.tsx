import { useEffect, useRef } from 'react';
import { isApiError } from '../api/problem';
import { useI18n } from '../i18n';
import { fieldId } from './Field';
import { isBrokenLink, useFieldErrors, useProblemText } from './problem-text';

interface ErrorSummaryProps {
  /** The failure of the last request (anything a mutation threw), or nothing. */
  error: unknown;
  /** The labels of the form's fields, by the name the server uses; errors for them link to the field. */
  fields?: Record<string, string>;
}

/**
 * Lists what the server refused, each field error linking to its field, and takes focus when it appears so
 * that keyboard and screen-reader users land on it (the GOV.UK pattern).
 */
export function ErrorSummary({ error, fields = {} }: ErrorSummaryProps) {
  const { t } = useI18n();
  const describe = useProblemText();
  const box = useRef<HTMLDivElement>(null);
  const messagesFor = useFieldErrors(error);

  useEffect(() => {
    if (error) box.current?.focus();
  }, [error]);

  if (!error) return null;
  // A link's token is no field of the form: its refusal is said once, as a broken link.
  const fieldErrors = isApiError(error) && !isBrokenLink(error) ? (error.problem.errors ?? []) : [];
  return (
    <div className="error-summary" ref={box} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t.problems.heading}</h2>
      <p>{describe(error)}</p>
      {fieldErrors.length > 0 && (
        <ul>
          {fieldErrors.map(({ field, messages }) => {
            const label = fields[field];
            return (
              <li key={field}>
                {label ? (
                  <a href={`#${fieldId(field)}`}>
                    {label}: {messagesFor(field).join(' ')}
                  </a>
                ) : (
                  `${field}: ${messages.join(' ')}`
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
