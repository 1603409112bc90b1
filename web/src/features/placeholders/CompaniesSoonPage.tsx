import { useI18n } from '../../i18n';
import { ComingSoon } from './ComingSoon';

export default function CompaniesSoonPage() {
  const { t } = useI18n();
  return <ComingSoon title={t.comingSoon.companies} />;
}
