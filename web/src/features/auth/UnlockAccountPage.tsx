import { Link, useSearchParams } from 'react-router';
import { useUnlockAccount } from '../../api/account';
import { useI18n } from '../../i18n';
import { Button, ErrorSummary, Notice, Page } from '../../ui';

/** Opened from the mail sent at the lock; unlocking waits for a click (mail scanners open links). */
export default function UnlockAccountPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token');
  const unlock = useUnlockAccount();

  return (
    <Page title={t.unlock.title} lead={unlock.isSuccess ? undefined : t.unlock.lead} narrow>
      {!token ? (
        <Notice tone="warning">
          <p>{t.verifyEmail.missingToken}</p>
        </Notice>
      ) : unlock.isSuccess ? (
        <>
          <Notice tone="success" live>
            <p>{t.unlock.done}</p>
          </Notice>
          <p>
            <Link className="button" to="/sign-in">
              {t.signIn.submit}
            </Link>
          </p>
        </>
      ) : (
        <>
          <ErrorSummary error={unlock.error} />
          <Button busy={unlock.isPending} onClick={() => unlock.mutate(token)}>
            {t.unlock.submit}
          </Button>
          {unlock.isError && (
            <p>
              <Link to="/forgot-password">{t.forgot.title}</Link>
            </p>
          )}
        </>
      )}
    </Page>
  );
}
