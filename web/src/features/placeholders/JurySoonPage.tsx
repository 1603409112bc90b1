import { useI18n } from '../../i18n';
import { ComingSoon } from './ComingSoon';

export default function JurySoonPage() {
  const { t } = useI18n();
  return <ComingSoon title={t.comingSoon.jury} />;
}
