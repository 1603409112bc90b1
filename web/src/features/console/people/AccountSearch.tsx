import { useEffect, useState } from 'react';
import { type ManagedUser, type Role, useAccountSearch } from '../../../api/console-people';
import { format, useI18n } from '../../../i18n';
import { Button, Field } from '../../../ui';
import './account-search.css';
import '../strings/entries';

/** How long typing pauses before the search is asked: one request per word typed, not per key. */
const PAUSE_MS = 250;

interface AccountSearchProps {
  /** The field's name (its id is `field-<name>`). */
  name: string;
  label: string;
  role?: Role;
  /** Accounts that are not offered (already chosen); disabled accounts never are. */
  exclude?: ReadonlySet<string>;
  /** The button beside each account, and its full name for screen readers. */
  action: string;
  actionLabel: (account: ManagedUser) => string;
  busy?: boolean;
  onPick: (account: ManagedUser) => void;
}

/**
 * A search for a person among every account (the server's `GET /users?q=&role=`, one short page), asked as
 * the organiser types. The results are buttons in a list, reached with Tab; how many were found is announced
 * in a live region.
 */
export function AccountSearch({
  name,
  label,
  role,
  exclude,
  action,
  actionLabel,
  busy,
  onPick,
}: AccountSearchProps) {
  const { t, plural } = useI18n();
  const m = t.consoleEntries.accountSearch;
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const search = useAccountSearch(q, role);
  const accounts = (search.data?.items ?? []).filter((a) => !a.disabled && !exclude?.has(a.id));
  const pending = search.isFetching || typed.trim() !== q;
  const statusId = `${name}-status`;
  let status = '';
  if (pending) status = m.searching;
  else if (search.data)
    status = accounts.length
      ? plural(m.found, search.data.total - (search.data.items.length - accounts.length))
      : q === ''
        ? m.noneLeft
        : search.data.items.length > 0
          ? m.allHere
          : m.noMatch;

  return (
    <div className="account-search">
      <Field
        name={name}
        label={label}
        hint={m.hint}
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        // Enter would submit a surrounding form; here it only searches sooner.
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            setQ(typed.trim());
          }
        }}
      />
      <p id={statusId} className="account-search__status muted" role="status">
        {status}
      </p>
      {accounts.length > 0 && (
        <ul className="account-search__results" aria-label={m.results}>
          {accounts.map((account) => (
            <li key={account.id}>
              <span>
                {account.fullName} <span className="muted">{account.email}</span>
              </span>
              <Button
                variant="secondary"
                busy={busy}
                aria-label={actionLabel(account)}
                onClick={() => onPick(account)}
              >
                {action}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {search.data && search.data.total > search.data.items.length && !pending && (
        <p className="muted">{format(m.more, { shown: search.data.items.length })}</p>
      )}
    </div>
  );
}
