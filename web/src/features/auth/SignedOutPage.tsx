import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import { Notice, Page } from '../../ui';

export default function SignedOutPage() {
  const { t } = useI18n();
  return (
    <Page title={t.signOut.title} narrow>
      <Notice tone="success" live>
        <p>{t.signOut.done}</p>
      </Notice>
      <div className="actions">
        <Link className="button" to="/sign-in">
          {t.signOut.signInAgain}
        </Link>
        <Link to="/">{t.common.backHome}</Link>
      </div>
    </Page>
  );
}
