import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import { Page } from '../../ui';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t.notFound.title} lead={t.notFound.lead}>
      <p>
        <Link className="button" to="/">
          {t.common.backHome}
        </Link>
      </p>
    </Page>
  );
}
