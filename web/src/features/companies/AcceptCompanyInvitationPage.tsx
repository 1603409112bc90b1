import { Link, useSearchParams } from 'react-router';
import { useAcceptCompanyInvitation } from '../../api/account';
import { useSession } from '../../app/session';
import { format, useI18n } from '../../i18n';
import { Button, ErrorSummary, Notice, Page } from '../../ui';

/** A company's invitation: accepted by the invited address's account, so the visitor signs in first. */
export default function AcceptCompanyInvitationPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token');
  const session = useSession();
  const accept = useAcceptCompanyInvitation();

  if (!token) {
    return (
      <Page title={t.companyInvitation.title} narrow>
        <Notice tone="warning">
          <p>{t.verifyEmail.missingToken}</p>
        </Notice>
      </Page>
    );
  }
  const here = encodeURIComponent(`/companies/invitations/accept?token=${encodeURIComponent(token)}`);
  return (
    <Page title={t.companyInvitation.title} lead={t.companyInvitation.lead} narrow>
      {session.status === 'signedOut' && (
        <>
          <p>{t.companyInvitation.signInFirst}</p>
          <div className="actions">
            <Link className="button" to={`/sign-in?next=${here}`}>
              {t.signIn.submit}
            </Link>
            <Link to="/register">{t.signIn.register}</Link>
          </div>
        </>
      )}
      {session.status === 'signedIn' &&
        (accept.isSuccess ? (
          <>
            <Notice tone="success" live>
              <p>{format(t.companyInvitation.done, { company: accept.data.name })}</p>
            </Notice>
            <p>
              <Link className="button" to="/companies">
                {t.companyInvitation.toCompanies}
              </Link>
            </p>
          </>
        ) : (
          <>
            <ErrorSummary error={accept.error} />
            <Button busy={accept.isPending} onClick={() => accept.mutate(token)}>
              {t.companyInvitation.submit}
            </Button>
          </>
        ))}
    </Page>
  );
}
