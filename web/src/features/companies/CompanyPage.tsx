import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type Company,
  type CompanyRole,
  useCompany,
  useInviteMember,
  useRemoveMember,
  useResendInvitation,
  useRevokeInvitation,
  useUpdateCompany,
} from '../../api/companies';
import { useSession } from '../../app/session';
import { format, useI18n } from '../../i18n';
import { Button, ErrorSummary, Field, formText, Notice, Page, SelectField, useFieldErrors } from '../../ui';
import { QueryState } from '../../ui/QueryState';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { countryName, countryOptions } from './countries';
import './companies.css';

function EditCompanyForm({ company }: { company: Company }) {
  const { t, locale } = useI18n();
  const update = useUpdateCompany(company.id);
  const errorsFor = useFieldErrors(update.error);
  const labels = {
    name: t.companies.name,
    country: t.companies.country,
    registrationNumber: t.companies.registrationNumber,
    website: t.companies.website,
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const website = formText(form, 'website').trim();
    update.mutate({
      version: company.version,
      changes: {
        name: formText(form, 'name'),
        country: formText(form, 'country'),
        registrationNumber: formText(form, 'registrationNumber'),
        website: website === '' ? null : website,
      },
    });
  };

  return (
    <section className="section" aria-labelledby="edit-company-title">
      <h2 id="edit-company-title">{t.companies.edit}</h2>
      <ErrorSummary error={update.error} fields={labels} />
      {update.isSuccess && (
        <Notice tone="success" live>
          <p>{t.companies.savedChanges}</p>
        </Notice>
      )}
      {/* Keyed by version: after a save, or after a stale write reloads the company, the form shows what is current. */}
      <form key={company.version} className="form" onSubmit={submit} noValidate>
        <fieldset className="fieldset">
          <legend>{t.companies.details}</legend>
          <Field
            name="name"
            label={labels.name}
            autoComplete="organization"
            required
            maxLength={200}
            defaultValue={company.name}
            errors={errorsFor('name')}
          />
          <SelectField
            name="country"
            label={labels.country}
            required
            defaultValue={company.country}
            options={countryOptions(locale)}
            errors={errorsFor('country')}
          />
          <Field
            name="registrationNumber"
            label={labels.registrationNumber}
            hint={t.companies.registrationNumberHint}
            required
            maxLength={64}
            defaultValue={company.registrationNumber}
            errors={errorsFor('registrationNumber')}
          />
          <Field
            name="website"
            type="url"
            label={labels.website}
            hint={t.companies.websiteHint}
            autoComplete="url"
            maxLength={500}
            defaultValue={company.website ?? ''}
            errors={errorsFor('website')}
          />
        </fieldset>
        <Button type="submit" busy={update.isPending} busyLabel={t.common.saving}>
          {t.companies.saveChanges}
        </Button>
      </form>
    </section>
  );
}

function CompanyFacts({ company }: { company: Company }) {
  const { t, locale, formatDateTime } = useI18n();
  return (
    <>
      <dl className="company-facts">
        <dt>{t.companies.country}</dt>
        <dd>{countryName(company.country, locale)}</dd>
        <dt>{t.companies.registrationNumber}</dt>
        <dd>{company.registrationNumber}</dd>
        <dt>{t.companies.websiteFact}</dt>
        <dd>
          {company.website ? (
            <a href={company.website} rel="noopener noreferrer">
              {company.website}
            </a>
          ) : (
            t.companies.noWebsite
          )}
        </dd>
      </dl>
      <p className="muted">{format(t.companies.updatedAt, { date: formatDateTime(company.updatedAt) })}</p>
    </>
  );
}

interface PendingRemoval {
  userId: string;
  name: string;
  self: boolean;
}

function Members({
  company,
  myId,
  isOwner,
}: {
  company: Company;
  myId: string | undefined;
  isOwner: boolean;
}) {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const remove = useRemoveMember(company.id);
  const [pending, setPending] = useState<PendingRemoval | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);

  const done = (what: PendingRemoval, succeeded: boolean) => {
    setPending(null);
    if (!succeeded) return;
    if (what.self) void navigate('/companies');
    else setRemoved(what.name);
  };

  return (
    <section className="section" aria-labelledby="members-title">
      <h2 id="members-title">{t.companies.members}</h2>
      {removed && (
        <Notice tone="success" live>
          <p>{format(t.companies.removed, { name: removed })}</p>
        </Notice>
      )}
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t.companies.memberName}</th>
              <th scope="col">{t.companies.memberEmail}</th>
              <th scope="col">{t.companies.inviteRole}</th>
              <th scope="col">{t.companies.memberSince}</th>
              <th scope="col">{t.companies.actions}</th>
            </tr>
          </thead>
          <tbody>
            {company.members.map((member) => {
              const self = member.userId === myId;
              return (
                <tr key={member.userId}>
                  <th scope="row">
                    {member.fullName} {self && <span className="muted">{t.companies.you}</span>}
                  </th>
                  <td data-label={t.companies.memberEmail}>{member.email}</td>
                  <td data-label={t.companies.inviteRole}>{t.companies.roles[member.role]}</td>
                  <td data-label={t.companies.memberSince}>{formatDateTime(member.since)}</td>
                  <td>
                    {self ? (
                      <Button
                        variant="secondary"
                        onClick={() => setPending({ userId: member.userId, name: member.fullName, self })}
                      >
                        {t.companies.leave}
                      </Button>
                    ) : isOwner ? (
                      <Button
                        variant="secondary"
                        aria-label={format(t.companies.removeNamed, { name: member.fullName })}
                        onClick={() => setPending({ userId: member.userId, name: member.fullName, self })}
                      >
                        {t.companies.remove}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pending && (
        <ConfirmDialog
          key={pending.userId}
          id="confirm-removal-title"
          title={
            pending.self
              ? format(t.companies.confirmLeaveTitle, { company: company.name })
              : format(t.companies.confirmRemoveTitle, { name: pending.name })
          }
          confirmLabel={pending.self ? t.companies.confirmLeaveButton : t.companies.confirm}
          action={remove}
          variables={pending.userId}
          onDone={(succeeded) => done(pending, succeeded)}
        >
          <p>
            {pending.self
              ? t.companies.confirmLeave
              : format(t.companies.confirmRemove, { name: pending.name })}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

type PendingInvitation = Company['pendingInvitations'][number];

/** The invitations waiting for an answer, with when each expires; owners resend or revoke them. */
function PendingInvitations({ company, isOwner }: { company: Company; isOwner: boolean }) {
  const { t, formatDateTime } = useI18n();
  const resend = useResendInvitation(company.id);
  const revoke = useRevokeInvitation(company.id);
  const [revoking, setRevoking] = useState<PendingInvitation | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);

  const resendTo = (invitation: PendingInvitation) => {
    setAnnouncement(null);
    resend.mutate(invitation.id, {
      onSuccess: () => setAnnouncement(format(t.companies.resent, { email: invitation.email })),
    });
  };
  const revoked = (invitation: PendingInvitation, succeeded: boolean) => {
    setRevoking(null);
    if (!succeeded) return;
    resend.reset();
    setAnnouncement(format(t.companies.revoked, { email: invitation.email }));
  };

  return (
    <>
      {announcement && (
        <Notice tone="success" live>
          <p>{announcement}</p>
        </Notice>
      )}
      <ErrorSummary error={resend.error} />
      {company.pendingInvitations.length === 0 ? (
        <p className="muted">{t.companies.noInvitations}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t.companies.memberEmail}</th>
                <th scope="col">{t.companies.inviteRole}</th>
                <th scope="col">{t.companies.expiresAt}</th>
                {isOwner && <th scope="col">{t.companies.actions}</th>}
              </tr>
            </thead>
            <tbody>
              {company.pendingInvitations.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row">{invitation.email}</th>
                  <td data-label={t.companies.inviteRole}>{t.companies.roles[invitation.role]}</td>
                  <td data-label={t.companies.expiresAt}>{formatDateTime(invitation.expiresAt)}</td>
                  {isOwner && (
                    <td>
                      <div className="row-actions">
                        <Button
                          variant="secondary"
                          aria-label={format(t.companies.resendNamed, { email: invitation.email })}
                          busy={resend.isPending && resend.variables === invitation.id}
                          busyLabel={t.companies.inviting}
                          onClick={() => resendTo(invitation)}
                        >
                          {t.companies.resend}
                        </Button>
                        <Button
                          variant="secondary"
                          aria-label={format(t.companies.revokeNamed, { email: invitation.email })}
                          onClick={() => {
                            setAnnouncement(null);
                            setRevoking(invitation);
                          }}
                        >
                          {t.companies.revoke}
                        </Button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoking && (
        <ConfirmDialog
          key={revoking.id}
          id="confirm-revoke-title"
          title={format(t.companies.confirmRevokeTitle, { email: revoking.email })}
          confirmLabel={t.companies.confirmRevokeButton}
          action={revoke}
          variables={revoking.id}
          onDone={(succeeded) => revoked(revoking, succeeded)}
        >
          <p>{t.companies.confirmRevoke}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function Invitations({ company, isOwner }: { company: Company; isOwner: boolean }) {
  const { t, locale } = useI18n();
  const invite = useInviteMember(company.id);
  const errorsFor = useFieldErrors(invite.error);
  const labels = { email: t.common.email, role: t.companies.inviteRole };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const role: CompanyRole = formText(form, 'role') === 'owner' ? 'owner' : 'member';
    invite.mutate({ email: formText(form, 'email'), role, locale }, { onSuccess: () => formElement.reset() });
  };

  return (
    <section className="section" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t.companies.invitations}</h2>
      <PendingInvitations company={company} isOwner={isOwner} />
      {isOwner && (
        <>
          <h3 id="invite-title">{t.companies.invite}</h3>
          <p className="muted">{t.companies.inviteLead}</p>
          <ErrorSummary error={invite.error} fields={labels} />
          {invite.isSuccess && (
            <Notice tone="success" live>
              <p>{t.companies.invited}</p>
            </Notice>
          )}
          <form className="form" onSubmit={submit} noValidate aria-labelledby="invite-title">
            <Field
              name="email"
              type="email"
              label={labels.email}
              autoComplete="off"
              required
              maxLength={254}
              errors={errorsFor('email')}
            />
            <SelectField
              name="role"
              label={labels.role}
              defaultValue="member"
              options={[
                { value: 'member', label: t.companies.roles.member },
                { value: 'owner', label: t.companies.roles.owner },
              ]}
              errors={errorsFor('role')}
            />
            <Button type="submit" busy={invite.isPending} busyLabel={t.companies.inviting}>
              {t.companies.inviteSubmit}
            </Button>
          </form>
        </>
      )}
    </section>
  );
}

export default function CompanyPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const session = useSession();
  const company = useCompany(id);
  const myId = session.status === 'signedIn' ? session.me?.id : undefined;

  return (
    // Not a member, no such company, or not even an id: the same page, so nothing tells them apart.
    <QueryState query={company} title={t.companies.title} notFound={[400, 404]}>
      {(data) => {
        const isOwner = data.role === 'owner';
        return (
          <Page title={data.name}>
            <p>
              <Link to="/companies">{t.companies.backToList}</Link>
            </p>
            <CompanyFacts company={data} />
            {isOwner ? (
              <EditCompanyForm company={data} />
            ) : (
              <p className="muted">{t.companies.ownerOnlyHint}</p>
            )}
            <Members company={data} myId={myId} isOwner={isOwner} />
            <Invitations company={data} isOwner={isOwner} />
          </Page>
        );
      }}
    </QueryState>
  );
}
