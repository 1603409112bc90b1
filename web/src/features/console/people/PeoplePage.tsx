import { type FormEvent, useCallback, useState } from 'react';
import {
  type InvitationState,
  type InvitationView,
  type ManagedUser,
  PEOPLE_PAGE_SIZE,
  type Role,
  useInvitations,
  useInvite,
  useResendInvitation,
  useRevokeInvitation,
  useSetDisabled,
  useUsers,
} from '../../../api/console-people';
import { useSession } from '../../../app/session';
import { format, LANGUAGE_NAMES, LOCALES, type Locale, useI18n } from '../../../i18n';
import { Button, ErrorSummary, Field, Notice, Page, SelectField, useFieldErrors } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { FilterForm, formValue, localizeProblem, Pager } from '../entries/shared';
import '../entries/entries.css';
import '../strings/entries';

const STATES: InvitationState[] = ['pending', 'accepted', 'revoked', 'expired'];
const ROLES: Role[] = ['entrant', 'juror', 'organiser'];

/** Refusals in the organiser's words, for the mutations of this screen. */
function useLocalize(): (error: unknown) => unknown {
  const { t } = useI18n();
  return useCallback((error: unknown) => localizeProblem(error, t.consoleEntries.problems), [t]);
}

function InviteForm() {
  const { t, locale } = useI18n();
  const m = t.consoleEntries.people;
  const invite = useInvite(useLocalize());
  const fieldErrors = useFieldErrors(invite.error);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setSentTo(null);
    const email = data.get('email');
    invite.mutate(
      {
        email: typeof email === 'string' ? email.trim() : '',
        role: data.get('role') === 'organiser' ? 'organiser' : 'juror',
        locale: LOCALES.find((l: Locale) => l === data.get('locale')),
      },
      {
        onSuccess: (invitation) => {
          setSentTo(invitation.email);
          form.reset();
        },
      },
    );
  };

  return (
    <section className="section" aria-labelledby="invite-title">
      <h2 id="invite-title">{m.inviteTitle}</h2>
      <p>{m.inviteLead}</p>
      {sentTo && (
        <Notice tone="success" live>
          <p>{format(m.invited, { email: sentTo })}</p>
        </Notice>
      )}
      <ErrorSummary error={invite.error} fields={{ email: m.email, role: m.role, locale: m.language }} />
      <form className="form entries-invite" onSubmit={submit} noValidate>
        <Field
          name="email"
          type="email"
          label={m.email}
          autoComplete="off"
          required
          maxLength={254}
          errors={fieldErrors('email')}
        />
        <SelectField
          name="role"
          label={m.role}
          defaultValue="juror"
          options={(['juror', 'organiser'] as const).map((role) => ({ value: role, label: t.roles[role] }))}
        />
        <SelectField
          name="locale"
          label={m.language}
          defaultValue={locale}
          options={LOCALES.map((value) => ({ value, label: LANGUAGE_NAMES[value], lang: value }))}
        />
        <Button type="submit" busy={invite.isPending} busyLabel={m.inviting}>
          {m.invite}
        </Button>
      </form>
    </section>
  );
}

function InvitationDetails({ invitation }: { invitation: InvitationView }) {
  const { t, plural, formatDateTime } = useI18n();
  const m = t.consoleEntries.people;
  switch (invitation.state) {
    case 'accepted':
      return (
        <>
          {format(m.acceptedBy, {
            name: invitation.acceptedUserName ?? invitation.email,
            date: formatDateTime(invitation.acceptedAt ?? invitation.lastSentAt),
          })}
        </>
      );
    case 'pending':
      return (
        <>
          {plural(m.sends, invitation.sends)}, {formatDateTime(invitation.lastSentAt)}.{' '}
          {format(m.expires, { date: formatDateTime(invitation.expiresAt) })}
          {Date.parse(invitation.resendableAt) > Date.now() && (
            <span className="muted">
              {' '}
              {format(m.resendAfter, { date: formatDateTime(invitation.resendableAt) })}
            </span>
          )}
        </>
      );
    default:
      return <>{formatDateTime(invitation.revokedAt ?? invitation.expiresAt)}</>;
  }
}

function Invitations() {
  const { t } = useI18n();
  const m = t.consoleEntries.people;
  const localize = useLocalize();
  const [filters, setFilters] = useState<{ state?: InvitationState; page: number }>({ page: 1 });
  const invitations = useInvitations(filters);
  const resend = useResendInvitation(localize);
  const revoke = useRevokeInvitation(localize);
  const [revoking, setRevoking] = useState<InvitationView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section className="section" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{m.invitationsTitle}</h2>
      <FilterForm
        key={filters.state ?? ''}
        onApply={(data) =>
          setFilters({ state: STATES.find((s) => s === formValue(data, 'invitation-state')), page: 1 })
        }
        onClear={() => setFilters({ page: 1 })}
      >
        <SelectField
          name="invitation-state"
          label={m.state}
          defaultValue={filters.state ?? ''}
          options={[
            { value: '', label: t.consoleEntries.all },
            ...STATES.map((s) => ({ value: s, label: m.states[s] })),
          ]}
        />
      </FilterForm>
      {notice && (
        <Notice tone="success" live>
          <p>{notice}</p>
        </Notice>
      )}
      <ErrorSummary error={resend.error} />
      <QueryState query={invitations}>
        {(result) =>
          result.items.length === 0 ? (
            <p>{t.consoleEntries.none}</p>
          ) : (
            <>
              <div className="entries-table-wrap">
                <table className="entries-table">
                  <caption className="visually-hidden">{m.invitationsCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.email}</th>
                      <th scope="col">{m.role}</th>
                      <th scope="col">{m.state}</th>
                      <th scope="col">{m.sent}</th>
                      <th scope="col">{m.invitedBy}</th>
                      <th scope="col">
                        <span className="visually-hidden">{m.actions}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.items.map((invitation) => (
                      <tr key={invitation.id}>
                        <th scope="row" className="entries-wrap">
                          {invitation.email}
                        </th>
                        <td data-label={m.role}>{t.roles[invitation.role]}</td>
                        <td data-label={m.state}>
                          <span className={`entries-state entries-state--${invitation.state}`}>
                            {m.states[invitation.state]}
                          </span>
                        </td>
                        <td data-label={m.sent}>
                          <InvitationDetails invitation={invitation} />
                        </td>
                        <td data-label={m.invitedBy}>{invitation.invitedByName ?? '—'}</td>
                        <td>
                          {invitation.state === 'pending' && (
                            <div className="actions">
                              <Button
                                variant="secondary"
                                aria-label={format(m.resendNamed, { email: invitation.email })}
                                busy={resend.isPending && resend.variables === invitation.id}
                                onClick={() => {
                                  setNotice(null);
                                  resend.mutate(invitation.id, {
                                    onSuccess: () => setNotice(format(m.resent, { email: invitation.email })),
                                  });
                                }}
                              >
                                {m.resend}
                              </Button>
                              <Button
                                variant="danger"
                                aria-label={format(m.revokeNamed, { email: invitation.email })}
                                onClick={() => {
                                  setNotice(null);
                                  resend.reset();
                                  setRevoking(invitation);
                                }}
                              >
                                {m.revoke}
                              </Button>
                            </div>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                page={filters.page}
                pageSize={PEOPLE_PAGE_SIZE}
                total={result.total}
                onPage={(page) => setFilters({ ...filters, page })}
              />
            </>
          )
        }
      </QueryState>
      {revoking && (
        <ConfirmDialog
          id="confirm-revoke"
          title={format(m.revokeTitle, { email: revoking.email })}
          confirmLabel={m.revokeConfirm}
          action={revoke}
          variables={revoking.id}
          onDone={(succeeded) => {
            if (succeeded) setNotice(format(m.revoked, { email: revoking.email }));
            setRevoking(null);
          }}
        >
          <p>{m.revokeText}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function Accounts() {
  const { t } = useI18n();
  const m = t.consoleEntries.people;
  const session = useSession();
  const myId = session.status === 'signedIn' ? session.me?.id : undefined;
  const [filters, setFilters] = useState<{ q?: string; role?: Role; page: number }>({ page: 1 });
  const users = useUsers(filters);
  const setDisabled = useSetDisabled(useLocalize());
  const [changing, setChanging] = useState<ManagedUser | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section className="section" aria-labelledby="accounts-title">
      <h2 id="accounts-title">{m.usersTitle}</h2>
      <FilterForm
        key={JSON.stringify(filters)}
        onApply={(data) =>
          setFilters({
            q: formValue(data, 'user-q'),
            role: ROLES.find((r) => r === formValue(data, 'user-role')),
            page: 1,
          })
        }
        onClear={() => setFilters({ page: 1 })}
      >
        <Field
          name="user-q"
          type="search"
          label={t.consoleEntries.search}
          hint={m.usersSearchHint}
          defaultValue={filters.q ?? ''}
          maxLength={200}
        />
        <SelectField
          name="user-role"
          label={m.roles}
          defaultValue={filters.role ?? ''}
          options={[
            { value: '', label: t.consoleEntries.all },
            ...ROLES.map((r) => ({ value: r, label: t.roles[r] })),
          ]}
        />
      </FilterForm>
      {notice && (
        <Notice tone="success" live>
          <p>{notice}</p>
        </Notice>
      )}
      <QueryState query={users}>
        {(result) =>
          result.items.length === 0 ? (
            <p>{t.consoleEntries.none}</p>
          ) : (
            <>
              <div className="entries-table-wrap">
                <table className="entries-table">
                  <caption className="visually-hidden">{m.usersCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.name}</th>
                      <th scope="col">{m.email}</th>
                      <th scope="col">{m.roles}</th>
                      <th scope="col">{m.account}</th>
                      <th scope="col">
                        <span className="visually-hidden">{m.actions}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.items.map((user) => {
                      const self = user.id === myId;
                      return (
                        <tr key={user.id}>
                          <th scope="row">
                            {user.fullName}
                            {self && <span className="entries-you"> ({m.you})</span>}
                          </th>
                          <td data-label={m.email} className="entries-wrap">
                            {user.email}
                          </td>
                          <td data-label={m.roles}>{user.roles.map((r) => t.roles[r]).join(', ')}</td>
                          <td data-label={m.account}>
                            {user.disabled ? m.disabled : m.active}
                            {user.locked && <span className="muted"> · {m.locked}</span>}
                          </td>
                          <td>
                            {self ? (
                              <span className="muted">{m.selfHint}</span>
                            ) : (
                              <Button
                                variant={user.disabled ? 'secondary' : 'danger'}
                                aria-label={format(user.disabled ? m.enableNamed : m.disableNamed, {
                                  name: user.fullName,
                                })}
                                onClick={() => {
                                  setNotice(null);
                                  setChanging(user);
                                }}
                              >
                                {user.disabled ? m.enable : m.disable}
                              </Button>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pager
                page={filters.page}
                pageSize={PEOPLE_PAGE_SIZE}
                total={result.total}
                onPage={(page) => setFilters({ ...filters, page })}
              />
            </>
          )
        }
      </QueryState>
      {changing && (
        <ConfirmDialog
          id="confirm-account"
          title={format(changing.disabled ? m.enableTitle : m.disableTitle, { name: changing.fullName })}
          confirmLabel={changing.disabled ? m.enableConfirm : m.disableConfirm}
          action={setDisabled}
          variables={{ id: changing.id, disabled: !changing.disabled }}
          onDone={(succeeded) => {
            if (succeeded)
              setNotice(
                format(changing.disabled ? m.enabledDone : m.disabledDone, { name: changing.fullName }),
              );
            setChanging(null);
          }}
        >
          <p>{format(changing.disabled ? m.enableText : m.disableText, { name: changing.fullName })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** `/organiser/people`: invite jurors and organisers, follow the invitations, disable and enable accounts. */
export default function PeoplePage() {
  const { t } = useI18n();
  return (
    <Page title={t.console.sections.people} lead={t.consoleEntries.people.lead}>
      <InviteForm />
      <Invitations />
      <Accounts />
    </Page>
  );
}
