import { useI18n } from '../../../i18n';
import { ComingSoon } from '../../placeholders/ComingSoon';

/** Built by the console's trust work. */
export default function MailPage() {
  const { t } = useI18n();
  return <ComingSoon title={t.console.sections.mail} />;
}
