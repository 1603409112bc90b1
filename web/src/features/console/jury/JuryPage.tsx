import { useI18n } from '../../../i18n';
import { ComingSoon } from '../../placeholders/ComingSoon';

/** Built by the console's jury work. */
export default function JuryPage() {
  const { t } = useI18n();
  return <ComingSoon title={t.console.editionSections.jury} />;
}
