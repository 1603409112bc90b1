import { type ReactNode, useEffect, useRef } from 'react';
import type { CriterionForJuror, Marks, Scorecard } from '../../../api/scorecards';
import { useI18n } from '../../../i18n';
import { Button } from '../../../ui';
import { localized } from '../../../i18n/localized';

/** A native modal dialog, open while `open` is true; Escape and the close button report through `onClose`. */
function ModalDialog({
  open,
  labelledBy,
  onClose,
  className,
  children,
}: {
  open: boolean;
  labelledBy: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    if (open && !node.open) node.showModal();
    if (!open && node.open) node.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className={
        className ? `confirm-dialog scorecard-dialog ${className}` : 'confirm-dialog scorecard-dialog'
      }
      aria-labelledby={labelledBy}
      onClose={onClose}
    >
      {open && children}
    </dialog>
  );
}

/** The marks of every criterion as a list of name and mark, for the submit summary and read-only views. */
export function MarksList({ criteria, marks }: { criteria: CriterionForJuror[]; marks: Marks }) {
  const { t, locale, formatNumber } = useI18n();
  return (
    <dl className="marks-list">
      {criteria.map((criterion) => {
        const mark = marks.scores[criterion.code];
        return (
          <div key={criterion.code}>
            <dt>{localized(criterion.name, locale)}</dt>
            <dd>{mark === undefined ? <em>{t.scorecard.notMarked}</em> : formatNumber(mark)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

export function SubmitDialog({
  open,
  criteria,
  marks,
  busy,
  error,
  onSubmit,
  onClose,
}: {
  open: boolean;
  criteria: CriterionForJuror[];
  marks: Marks;
  busy: boolean;
  error: string | null;
  onSubmit: () => void;
  onClose: () => void;
}) {
  const { t, plural } = useI18n();
  const missing = criteria.filter((c) => !(c.code in marks.scores)).length;
  return (
    <ModalDialog open={open} labelledBy="submit-summary-title" onClose={onClose} className="summary-dialog">
      <h2 id="submit-summary-title">{t.scorecard.summaryTitle}</h2>
      <p>{t.scorecard.summaryLead}</p>
      <MarksList criteria={criteria} marks={marks} />
      <h3>{t.scorecard.summaryComment}</h3>
      <p className="nomination__text">
        {marks.comment?.trim() ? marks.comment : t.scorecard.summaryNoComment}
      </p>
      {missing > 0 && (
        <p className="field__error" id="submit-summary-missing">
          {plural(t.scorecard.summaryIncomplete, missing)}
        </p>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        {missing === 0 && (
          <Button busy={busy} busyLabel={t.scorecard.submitting} onClick={onSubmit} autoFocus>
            {t.scorecard.confirmSubmit}
          </Button>
        )}
        <button type="button" className="button button--secondary" onClick={onClose} autoFocus={missing > 0}>
          {t.scorecard.cancel}
        </button>
      </div>
    </ModalDialog>
  );
}

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const rows: [string, string][] = [
    ['Tab', t.scorecard.shortcuts.tab],
    ['← → ↑ ↓', t.scorecard.shortcuts.arrows],
    ['j  ]', t.scorecard.shortcuts.next],
    ['k  [', t.scorecard.shortcuts.previous],
    [t.scorecard.submitShortcut, t.scorecard.shortcuts.submit],
    ['?', t.scorecard.shortcuts.help],
  ];
  return (
    <ModalDialog open={open} labelledBy="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">{t.scorecard.shortcutsTitle}</h2>
      <p>{t.scorecard.shortcutsLead}</p>
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t.scorecard.shortcutKey}</th>
            <th scope="col">{t.scorecard.shortcutAction}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([keys, action]) => (
            <tr key={keys}>
              <td>
                {keys.split(/\s\s/).map((key, index) => (
                  <span key={key}>
                    {index > 0 && ' '}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onClose} autoFocus>
          {t.scorecard.close}
        </button>
      </div>
    </ModalDialog>
  );
}

/** Both versions side by side, criterion by criterion, and the juror's choice of which stays. */
export function ConflictChoice({
  criteria,
  mine,
  theirs,
  onChoose,
}: {
  criteria: CriterionForJuror[];
  mine: Marks;
  theirs: Scorecard;
  onChoose: (choice: 'mine' | 'theirs') => void;
}) {
  const { t, locale, formatNumber } = useI18n();
  const section = useRef<HTMLElement>(null);
  useEffect(() => section.current?.focus(), []);
  const show = (mark: number | undefined) =>
    mark === undefined ? t.scorecard.notMarked : formatNumber(mark);
  const rows = [
    ...criteria.map((c) => ({
      key: c.code,
      name: localized(c.name, locale),
      mine: show(mine.scores[c.code]),
      theirs: show(theirs.scores[c.code]),
    })),
    {
      key: '__comment',
      name: t.scorecard.summaryComment,
      mine: mine.comment?.trim() || t.scorecard.summaryNoComment,
      theirs: theirs.comment?.trim() || t.scorecard.summaryNoComment,
    },
  ];
  return (
    <section
      className="conflict"
      ref={section}
      tabIndex={-1}
      aria-labelledby="conflict-title"
      data-testid="scorecard-conflict"
    >
      <h2 id="conflict-title">{t.scorecard.conflictTitle}</h2>
      <p>{t.scorecard.conflictLead}</p>
      <div className="table-wrap">
        <table className="data-table conflict__table">
          <thead>
            <tr>
              <th scope="col">{t.scorecard.conflictCriterion}</th>
              <th scope="col">{t.scorecard.conflictMine}</th>
              <th scope="col">{t.scorecard.conflictTheirs}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.mine !== row.theirs ? 'conflict__differs' : undefined}>
                <th scope="row">
                  {row.name}
                  {row.mine !== row.theirs && (
                    <span className="conflict__flag"> ({t.scorecard.conflictDiffers})</span>
                  )}
                </th>
                <td data-label={t.scorecard.conflictMine} data-version="mine">
                  {row.mine}
                </td>
                <td data-label={t.scorecard.conflictTheirs} data-version="theirs">
                  {row.theirs}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <Button onClick={() => onChoose('mine')}>{t.scorecard.keepMine}</Button>
        <Button variant="secondary" onClick={() => onChoose('theirs')}>
          {t.scorecard.keepTheirs}
        </Button>
      </div>
    </section>
  );
}
