import { useI18n } from '../../../i18n';
import { ComingSoon } from '../../placeholders/ComingSoon';

/** Built by the console's entries work. */
export default function NominationPage() {
  const { t } = useI18n();
  return <ComingSoon title={t.console.editionSections.nominations} />;
}
