import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { useCompanies, useCreateCompany } from '../../api/companies';
import { format, useI18n } from '../../i18n';
import { Button, ErrorSummary, Field, formText, Notice, Page, SelectField, useFieldErrors } from '../../ui';
import { QueryState } from '../../ui/QueryState';
import { countryName, countryOptions } from './countries';
import './companies.css';

function CompanyList() {
  const { t, locale } = useI18n();
  const companies = useCompanies();
  return (
    <QueryState query={companies}>
      {({ items }) =>
        items.length === 0 ? (
          <p>{t.companies.none}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption>{t.companies.listCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.companies.name}</th>
                  <th scope="col">{t.companies.country}</th>
                  <th scope="col">{t.companies.role}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((company) => (
                  <tr key={company.id}>
                    <th scope="row">
                      <Link to={`/companies/${company.id}`}>{company.name}</Link>
                    </th>
                    <td data-label={t.companies.country}>{countryName(company.country, locale)}</td>
                    <td data-label={t.companies.role}>
                      {company.role ? t.companies.roles[company.role] : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </QueryState>
  );
}

function CreateCompanyForm() {
  const { t, locale } = useI18n();
  const create = useCreateCompany();
  const errorsFor = useFieldErrors(create.error);
  const labels = {
    name: t.companies.name,
    country: t.companies.country,
    registrationNumber: t.companies.registrationNumber,
    website: t.companies.website,
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const website = formText(form, 'website').trim();
    create.mutate(
      {
        name: formText(form, 'name'),
        country: formText(form, 'country'),
        registrationNumber: formText(form, 'registrationNumber'),
        ...(website ? { website } : {}),
      },
      { onSuccess: () => formElement.reset() },
    );
  };

  return (
    <section className="section" aria-labelledby="create-company-title">
      <h2 id="create-company-title">{t.companies.create}</h2>
      <p className="muted">{t.companies.createLead}</p>
      <ErrorSummary error={create.error} fields={labels} />
      {create.isSuccess && (
        <Notice tone="success" live>
          <p>
            {format(t.companies.created, { name: create.data.name })}{' '}
            <Link to={`/companies/${create.data.id}`}>{create.data.name}</Link>
          </p>
        </Notice>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="fieldset">
          <legend>{t.companies.details}</legend>
          <Field
            name="name"
            label={labels.name}
            autoComplete="organization"
            required
            maxLength={200}
            errors={errorsFor('name')}
          />
          <SelectField
            name="country"
            label={labels.country}
            required
            defaultValue=""
            options={[{ value: '', label: t.companies.chooseCountry }, ...countryOptions(locale)]}
            errors={errorsFor('country')}
          />
          <Field
            name="registrationNumber"
            label={labels.registrationNumber}
            hint={t.companies.registrationNumberHint}
            required
            maxLength={64}
            errors={errorsFor('registrationNumber')}
          />
          <Field
            name="website"
            type="url"
            label={labels.website}
            hint={t.companies.websiteHint}
            autoComplete="url"
            maxLength={500}
            errors={errorsFor('website')}
          />
        </fieldset>
        <Button type="submit" busy={create.isPending} busyLabel={t.companies.creating}>
          {t.companies.createSubmit}
        </Button>
      </form>
    </section>
  );
}

export default function CompaniesPage() {
  const { t } = useI18n();
  return (
    <Page title={t.companies.title} lead={t.companies.lead}>
      <section className="section" aria-label={t.companies.listCaption}>
        <CompanyList />
      </section>
      <CreateCompanyForm />
    </Page>
  );
}
