import { useI18n } from '../../i18n';
import { ComingSoon } from './ComingSoon';

export default function NominationsSoonPage() {
  const { t } = useI18n();
  return <ComingSoon title={t.comingSoon.nominations} />;
}
