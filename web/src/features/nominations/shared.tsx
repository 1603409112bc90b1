import { type ReactNode, type TextareaHTMLAttributes, useCallback, useMemo, useRef } from 'react';
import type { AttachmentRules, NominationStatus } from '../../api/nominations';
import { ApiError, isApiError } from '../../api/problem';
import { format, useI18n } from '../../i18n';
import { Button, ErrorSummary, fieldId } from '../../ui';

/** A category's or criterion's text in the reader's language. */
export { localized } from '../../i18n/localized';

/** The failure with our own words for the nominations' refusals (the server's titles are English). */
export function useLocalizedError(error: unknown): unknown {
  const { t } = useI18n();
  // One object per failure: ErrorSummary takes focus whenever the error it is given changes.
  return useMemo(() => {
    if (!isApiError(error)) return error;
    const text = (t.nominations.problems as Record<string, string | undefined>)[error.problem.code];
    return text ? new ApiError({ ...error.problem, title: text }, error.retryAfterSeconds) : error;
  }, [error, t]);
}

export function StatusBadge({ status }: { status: NominationStatus }) {
  const { t } = useI18n();
  return <span className="nom-status">{t.nominations.statuses[status]}</span>;
}

export function useFileSize(): (bytes: number) => string {
  const { formatNumber } = useI18n();
  return useCallback(
    (bytes: number) => {
      const units = ['byte', 'kilobyte', 'megabyte'] as const;
      let value = bytes;
      let unit = 0;
      while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
      }
      return formatNumber(value, {
        style: 'unit',
        unit: units[unit],
        unitDisplay: 'short',
        maximumFractionDigits: unit === 0 ? 0 : 1,
      });
    },
    [formatNumber],
  );
}

/** "PDF, PNG, JPEG; at most 10 MB each, 10 in all." */
export function useRulesText(): (rules: AttachmentRules) => string {
  const { t } = useI18n();
  const size = useFileSize();
  return useCallback(
    (rules: AttachmentRules) =>
      format(t.nominations.attachmentRules, {
        types: rules.mediaTypes.map((type) => t.nominations.fileTypes[type]).join(', '),
        size: size(rules.maxBytes),
        count: rules.maxFiles,
      }),
    [t, size],
  );
}

interface TextAreaFieldProps extends Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'className' | 'id' | 'name'
> {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  /** Shown under the control: how much room is left. */
  counter?: ReactNode;
}

/** A labelled textarea with its hint, errors and counter tied to it, like the ui's Field. */
export function TextAreaField({ name, label, hint, errors = [], counter, ...area }: TextAreaFieldProps) {
  const id = fieldId(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length ? `${id}-error` : undefined;
  const counterId = counter ? `${id}-counter` : undefined;
  const describedBy = [hintId, errorId, counterId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={errors.length ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <p className="field__error" id={errorId}>
          {errors.join(' ')}
        </p>
      )}
      <textarea
        {...area}
        id={id}
        name={name}
        className="input"
        aria-describedby={describedBy}
        aria-invalid={errors.length > 0 || undefined}
      />
      {counter && <div id={counterId}>{counter}</div>}
    </div>
  );
}

/** How much room a text has left, said once it matters (not on every keystroke: no live region). */
export function Counter({ length, max }: { length: number; max: number }) {
  const { t, plural } = useI18n();
  const over = length > max;
  return (
    <p className={over ? 'nom-counter nom-counter--over' : 'nom-counter'}>
      {over ? plural(t.nominations.tooLong, length - max) : plural(t.nominations.characters, max - length)}
    </p>
  );
}

/**
 * Asks before something that cannot be undone: a native modal dialog, so focus, Escape and the backdrop
 * behave as expected; the safe choice takes focus.
 */
export function ConfirmDialog({
  id,
  title,
  text,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  id: string;
  title: string;
  text: string;
  confirmLabel: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const shownError = useLocalizedError(error);
  const attach = (node: HTMLDialogElement | null) => {
    dialog.current = node;
    if (node && !node.open) {
      node.showModal();
      cancel.current?.focus();
    }
  };
  return (
    <dialog ref={attach} className="confirm-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p>{text}</p>
      <ErrorSummary error={shownError} />
      <div className="actions">
        <Button variant="danger" busy={busy} busyLabel={t.common.saving} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <button
          type="button"
          className="button button--secondary"
          ref={cancel}
          onClick={() => dialog.current?.close()}
        >
          {t.nominations.cancel}
        </button>
      </div>
    </dialog>
  );
}
