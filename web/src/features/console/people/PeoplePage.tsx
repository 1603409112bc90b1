import { useI18n } from '../../../i18n';
import { ComingSoon } from '../../placeholders/ComingSoon';

/** Built by the console's people work. */
export default function PeoplePage() {
  const { t } = useI18n();
  return <ComingSoon title={t.console.sections.people} />;
}
