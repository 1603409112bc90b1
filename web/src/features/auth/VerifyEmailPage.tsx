import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useVerifyEmail } from '../../api/account';
import { useI18n } from '../../i18n';
import { ErrorSummary, Notice, Page } from '../../ui';
import { useSession } from '../../app/session';

/** Opened from the verification mail: confirms the address by itself, then offers to continue. */
export default function VerifyEmailPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token');
  const verify = useVerifyEmail();
  const session = useSession();
  const sent = useRef(false);

  useEffect(() => {
    // The token is single-use: send it once, even when React runs effects twice in development.
    if (!token || sent.current) return;
    sent.current = true;
    verify.mutate(token);
  }, [token, verify]);

  return (
    <Page title={t.verifyEmail.title} narrow>
      {!token && (
        <>
          <Notice tone="warning">
            <p>{t.verifyEmail.missingToken}</p>
          </Notice>
          <p>
            <Link to="/verify-email/resend">{t.verifyEmail.resend}</Link>
          </p>
        </>
      )}
      {token && verify.isPending && <p role="status">{t.verifyEmail.verifying}</p>}
      {verify.isSuccess && (
        <>
          <Notice tone="success" live>
            <p>{t.verifyEmail.done}</p>
          </Notice>
          <p>
            <Link className="button" to={session.status === 'signedIn' ? '/' : '/sign-in'}>
              {t.common.continue}
            </Link>
          </p>
        </>
      )}
      {verify.isError && (
        <>
          <ErrorSummary error={verify.error} />
          <p>
            <Link to="/verify-email/resend">{t.verifyEmail.resend}</Link>
          </p>
        </>
      )}
    </Page>
  );
}
