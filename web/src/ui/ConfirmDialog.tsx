import type { UseMutationResult } from '@tanstack/react-query';
import { type ReactNode, useRef } from 'react';
import { useI18n } from '../i18n';
import { Button } from './Button';
import { ErrorSummary } from './ErrorSummary';

interface ConfirmDialogProps<D, V> {
  /** The heading's id (the dialog's accessible name). */
  id: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The write it asks about (what a `useMutation` hook returned), and what to pass it. */
  action: UseMutationResult<D, Error, V>;
  variables: V;
  /** The dialog has closed: `true` once the write succeeded, `false` after Cancel or Escape. */
  onDone: (succeeded: boolean) => void;
  /** The action's refusal in the page's own words, when it has them (default: the action's error as sent). */
  error?: unknown;
}

/**
 * Asks before a write that cannot be undone: a native modal dialog, open while rendered, so focus and Escape
 * work as expected. The safe choice takes focus, so Enter by habit does nothing irreversible; a refusal
 * shows inside the dialog.
 */
export function ConfirmDialog<D, V>({
  id,
  title,
  children,
  confirmLabel,
  action,
  variables,
  onDone,
  error,
}: ConfirmDialogProps<D, V>) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const succeeded = useRef(false);
  const close = () => dialog.current?.close();

  const attach = (node: HTMLDialogElement | null) => {
    dialog.current = node;
    if (node && !node.open) {
      // A refusal from an earlier opening is not this one's.
      action.reset();
      node.showModal();
      cancel.current?.focus();
    }
  };

  const confirm = () =>
    action.mutate(variables, {
      onSuccess: () => {
        succeeded.current = true;
        close();
      },
    });

  return (
    <dialog
      ref={attach}
      className="confirm-dialog"
      aria-labelledby={id}
      onClose={() => onDone(succeeded.current)}
    >
      <h2 id={id}>{title}</h2>
      {children}
      <ErrorSummary error={error ?? action.error} />
      <div className="actions">
        <Button variant="danger" busy={action.isPending} busyLabel={t.common.saving} onClick={confirm}>
          {confirmLabel}
        </Button>
        <button type="button" className="button button--secondary" ref={cancel} onClick={close}>
          {t.companies.cancel}
        </button>
      </div>
    </dialog>
  );
}
