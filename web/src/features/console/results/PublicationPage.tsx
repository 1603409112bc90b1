import { useI18n } from '../../../i18n';
import { ComingSoon } from '../../placeholders/ComingSoon';

/** Built by the console's results work. */
export default function PublicationPage() {
  const { t } = useI18n();
  return <ComingSoon title={t.console.editionSections.publication} />;
}
