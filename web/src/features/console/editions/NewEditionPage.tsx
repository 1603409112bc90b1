import { Link, useNavigate } from 'react-router';
import { type NewEdition, useCreateEdition } from '../../../api/console-editions';
import { useI18n } from '../../../i18n';
import { Page } from '../../../ui';
import { EditionForm } from './EditionForm';
import { useEditionsError } from './shared';
import './editions.css';
import '../strings/editions';

/** `/organiser/editions/new`: a draft edition, then its own console. */
export default function NewEditionPage() {
  const { t } = useI18n();
  const m = t.consoleEditions.create;
  const navigate = useNavigate();
  const create = useCreateEdition();
  const error = useEditionsError(create.error);
  return (
    <Page title={m.title} lead={m.lead}>
      <p>
        <Link to="/organiser">{m.backToList}</Link>
      </p>
      <EditionForm
        criteria={[]}
        submitLabel={m.submit}
        busyLabel={m.creating}
        busy={create.isPending}
        error={error}
        onSubmit={(values) =>
          create.mutate(values as NewEdition, {
            onSuccess: (edition) => void navigate(`/organiser/editions/${edition.id}`),
          })
        }
      />
    </Page>
  );
}
