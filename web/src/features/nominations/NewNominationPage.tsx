import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCompanies } from '../../api/companies';
import { takesNominations, useCategories, useCreateNomination, useEditions } from '../../api/nominations';
import { format, useI18n } from '../../i18n';
import {
  Button,
  ErrorSummary,
  Field,
  fieldId,
  formText,
  Notice,
  Page,
  SelectField,
  useFieldErrors,
} from '../../ui';
import { CategoryGuide } from './CategoryGuide';
import { localized, useLocalizedError } from './shared';
import './nominations.css';

function NewNominationForm() {
  const { t, locale, formatDateTime, timeZone } = useI18n();
  const navigate = useNavigate();
  const companies = useCompanies();
  const editions = useEditions();
  const create = useCreateNomination();
  const error = useLocalizedError(create.error);
  const errorsFor = useFieldErrors(create.error);
  const [editionId, setEditionId] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const categories = useCategories(editionId || undefined);

  if (companies.isPending || editions.isPending) return <p role="status">{t.layout.loading}</p>;
  const loadError = companies.error ?? editions.error;
  if (loadError) return <ErrorSummary error={loadError} />;

  const myCompanies = companies.data?.items ?? [];
  if (myCompanies.length === 0)
    return (
      <>
        <p>{t.nominations.noCompany}</p>
        <p>
          <Link className="button" to="/companies">
            {t.nominations.createCompany}
          </Link>
        </p>
      </>
    );
  const open = (editions.data?.items ?? []).filter((edition) => takesNominations(edition));
  if (open.length === 0)
    return (
      <Notice>
        <p>{t.nominations.noOpenEdition}</p>
      </Notice>
    );

  const labels = {
    companyId: t.nominations.company,
    editionId: t.nominations.edition,
    categoryId: t.nominations.category,
    title: t.nominations.nominationTitle,
  };
  const chosen = categories.data?.find((c) => c.id === categoryId);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate(
      {
        companyId: formText(form, 'companyId'),
        editionId,
        categoryId,
        title: formText(form, 'title'),
      },
      { onSuccess: (nomination) => void navigate(`/nominations/${nomination.id}`) },
    );
  };

  return (
    <div className="nom-layout">
      <div>
        <ErrorSummary error={error} fields={labels} />
        <form className="form form--wide" onSubmit={submit} noValidate>
          <SelectField
            name="companyId"
            label={labels.companyId}
            required
            defaultValue={myCompanies.length === 1 ? myCompanies[0]!.id : ''}
            options={[
              ...(myCompanies.length === 1 ? [] : [{ value: '', label: t.nominations.chooseCompany }]),
              ...myCompanies.map((c) => ({ value: c.id, label: c.name })),
            ]}
            errors={errorsFor('companyId')}
          />
          <SelectField
            name="editionId"
            label={labels.editionId}
            hint={format(t.common.timeZoneNamed, { zone: timeZone })}
            required
            value={editionId}
            onChange={(event) => {
              setEditionId(event.target.value);
              setCategoryId('');
            }}
            options={[
              { value: '', label: t.nominations.chooseEdition },
              ...open.map((edition) => ({
                value: edition.id,
                label: format(t.nominations.editionOption, {
                  name: edition.name,
                  deadline: formatDateTime(edition.nominationsCloseAt),
                }),
              })),
            ]}
            errors={errorsFor('editionId')}
          />
          <fieldset
            className={errorsFor('categoryId').length ? 'nom-fieldset field--invalid' : 'nom-fieldset'}
            id={fieldId('categoryId')}
            tabIndex={-1}
            aria-describedby={editionId ? undefined : 'category-hint'}
          >
            <legend>{labels.categoryId}</legend>
            {!editionId && (
              <p className="field__hint" id="category-hint">
                {t.nominations.categoryHint}
              </p>
            )}
            {errorsFor('categoryId').length > 0 && (
              <p className="field__error">{errorsFor('categoryId').join(' ')}</p>
            )}
            {editionId && categories.isPending && <p role="status">{t.layout.loading}</p>}
            {categories.error && <ErrorSummary error={categories.error} />}
            <div className="nom-radios">
              {(categories.data ?? []).map((category) => (
                <div className="checkbox" key={category.id}>
                  <input
                    type="radio"
                    id={`category-${category.code}`}
                    name="categoryId"
                    value={category.id}
                    checked={categoryId === category.id}
                    onChange={() => setCategoryId(category.id)}
                    aria-describedby={`category-${category.code}-hint`}
                  />
                  <div>
                    <label htmlFor={`category-${category.code}`}>{localized(category.name, locale)}</label>
                    <p className="field__hint" id={`category-${category.code}-hint`}>
                      {localized(category.description, locale)}
                    </p>
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
          <Field
            name="title"
            label={labels.title}
            hint={t.nominations.titleHint}
            required
            maxLength={200}
            errors={errorsFor('title')}
          />
          <Button type="submit" busy={create.isPending} busyLabel={t.nominations.creating}>
            {t.nominations.create}
          </Button>
        </form>
      </div>
      {chosen && <CategoryGuide category={chosen} headingId="category-guide-title" />}
    </div>
  );
}

export default function NewNominationPage() {
  const { t } = useI18n();
  return (
    <Page title={t.nominations.newTitle} lead={t.nominations.newLead}>
      <p>
        <Link to="/nominations">{t.nominations.backToList}</Link>
      </p>
      <NewNominationForm />
    </Page>
  );
}
