import { type ReactNode, useRef } from 'react';
import { useI18n } from '../../i18n';
import { Button, ErrorSummary } from '../../ui';

interface ConfirmDialogProps {
  /** The heading's id (the dialog's accessible name). */
  id: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  /** The failed attempt's error, listed above the buttons. */
  error: unknown;
  /** Runs the action; call `close` once it has succeeded. */
  onConfirm: (close: () => void) => void;
  /** The dialog has closed: after `close`, Cancel or Escape. */
  onClose: () => void;
}

/**
 * Asks before an action that cannot be undone: a native modal dialog, open while rendered, so focus and
 * Escape work as expected. The safe choice takes focus, so Enter by habit does nothing irreversible.
 */
export function ConfirmDialog({
  id,
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const close = () => dialog.current?.close();

  const attach = (node: HTMLDialogElement | null) => {
    dialog.current = node;
    if (node && !node.open) {
      node.showModal();
      cancel.current?.focus();
    }
  };

  return (
    <dialog ref={attach} className="confirm-dialog" aria-labelledby={id} onClose={onClose}>
      <h2 id={id}>{title}</h2>
      {children}
      <ErrorSummary error={error} />
      <div className="actions">
        <Button variant="danger" busy={busy} busyLabel={t.common.saving} onClick={() => onConfirm(close)}>
          {confirmLabel}
        </Button>
        <button type="button" className="button button--secondary" ref={cancel} onClick={close}>
          {t.companies.cancel}
        </button>
      </div>
    </dialog>
  );
}
