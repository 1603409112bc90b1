import { useI18n } from '../../../i18n';
import { ComingSoon } from '../../placeholders/ComingSoon';

/** Built by the console's editions work. */
export default function EditionOverviewPage() {
  const { t } = useI18n();
  return <ComingSoon title={t.console.editionSections.overview} />;
}
