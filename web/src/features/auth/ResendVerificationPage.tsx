import { Link } from 'react-router';
import { useResendVerification } from '../../api/account';
import { useSession } from '../../app/session';
import { format, useI18n } from '../../i18n';
import { Button, ErrorSummary, Notice, Page } from '../../ui';

export default function ResendVerificationPage() {
  const { t } = useI18n();
  const session = useSession();
  const resend = useResendVerification();

  if (session.status !== 'signedIn') {
    return (
      <Page title={t.resend.title} narrow>
        {session.status === 'signedOut' && (
          <>
            <p>{t.resend.signInFirst}</p>
            <p>
              <Link className="button" to={`/sign-in?next=${encodeURIComponent('/verify-email/resend')}`}>
                {t.signIn.submit}
              </Link>
            </p>
          </>
        )}
      </Page>
    );
  }
  const me = session.me;
  return (
    <Page title={t.resend.title} narrow>
      {me?.emailVerified ? (
        <Notice tone="success">
          <p>{t.resend.alreadyVerified}</p>
        </Notice>
      ) : (
        <>
          <ErrorSummary error={resend.error} />
          {resend.isSuccess ? (
            <Notice tone="success" live>
              <p>{t.resend.done}</p>
            </Notice>
          ) : (
            <>
              {me && <p>{format(t.resend.lead, { email: me.email })}</p>}
              <Button busy={resend.isPending} onClick={() => resend.mutate()}>
                {t.resend.submit}
              </Button>
            </>
          )}
        </>
      )}
    </Page>
  );
}
