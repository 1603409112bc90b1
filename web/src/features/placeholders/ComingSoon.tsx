import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import { Notice, Page } from '../../ui';

/** A part of the app that is not built yet, said plainly in the user's language. */
export function ComingSoon({ title }: { title: string }) {
  const { t } = useI18n();
  return (
    <Page title={title}>
      <Notice tone="warning">
        <p>
          <strong>{t.comingSoon.title}.</strong> {t.comingSoon.lead}
        </p>
      </Notice>
      <p>
        <Link to="/">{t.common.backHome}</Link>
      </p>
    </Page>
  );
}
