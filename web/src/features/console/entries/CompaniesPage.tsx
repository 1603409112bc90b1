import { Link } from 'react-router';
import { PAGE_SIZE, useConsoleCompanies } from '../../../api/console-entries';
import { format, useI18n } from '../../../i18n';
import { Field, Page, SelectField } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import { countryName, countryOptions } from '../../companies/countries';
import { useConsoleEdition } from '../ConsoleLayout';
import { FilterForm, formValue, Pager, useListParams } from './shared';
import './entries.css';
import '../strings/entries';

const FILTERS = ['q', 'country', 'scope'] as const;

/**
 * `/organiser/editions/:editionId/companies`: the edition's participants (or, with `scope=all`, every company),
 * searchable by name and country, a page at a time.
 */
export default function CompaniesPage() {
  const { t, locale, formatDateTime } = useI18n();
  const m = t.consoleEntries.companies;
  const edition = useConsoleEdition();
  const [filters, setFilters] = useListParams(FILTERS);
  const everyCompany = filters.scope === 'all';
  const companies = useConsoleCompanies({
    q: filters.q,
    country: filters.country,
    page: filters.page,
    ...(everyCompany ? {} : { editionId: edition.id }),
  });

  return (
    <Page title={t.console.editionSections.companies} lead={m.lead}>
      <FilterForm
        key={JSON.stringify(filters)}
        onApply={(data) =>
          setFilters({
            q: formValue(data, 'q'),
            country: formValue(data, 'country'),
            scope: formValue(data, 'scope'),
          })
        }
        onClear={() => setFilters({ q: undefined, country: undefined, scope: undefined })}
      >
        <SelectField
          name="scope"
          label={m.scope}
          defaultValue={everyCompany ? 'all' : ''}
          options={[
            { value: '', label: m.scopeEdition },
            { value: 'all', label: m.scopeAll },
          ]}
        />
        <Field
          name="q"
          type="search"
          label={t.consoleEntries.search}
          hint={m.searchHint}
          defaultValue={filters.q ?? ''}
          maxLength={200}
        />
        <SelectField
          name="country"
          label={m.country}
          defaultValue={filters.country ?? ''}
          options={[{ value: '', label: t.consoleEntries.all }, ...countryOptions(locale)]}
        />
      </FilterForm>
      <QueryState query={companies}>
        {(result) =>
          result.items.length === 0 ? (
            <p>{t.consoleEntries.none}</p>
          ) : (
            <>
              <div className="entries-table-wrap">
                <table className="entries-table">
                  <caption className="visually-hidden">{m.caption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.name}</th>
                      <th scope="col">{m.country}</th>
                      <th scope="col">{m.registrationNumber}</th>
                      <th scope="col">{m.website}</th>
                      <th scope="col">{m.registered}</th>
                      <th scope="col">{m.nominations}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.items.map((company) => (
                      <tr key={company.id}>
                        <th scope="row">{company.name}</th>
                        <td data-label={m.country}>{countryName(company.country, locale)}</td>
                        <td data-label={m.registrationNumber}>{company.registrationNumber}</td>
                        <td data-label={m.website}>
                          {company.website ? (
                            <a href={company.website} rel="noopener noreferrer" target="_blank">
                              {company.website.replace(/^https?:\/\//, '')}
                            </a>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td data-label={m.registered}>{formatDateTime(company.createdAt)}</td>
                        <td data-label={m.nominations}>
                          <Link
                            to={`/organiser/editions/${edition.id}/nominations?companyId=${company.id}&company=${encodeURIComponent(company.name)}`}
                          >
                            {format(m.nominationsOf, { name: company.name })}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                page={filters.page}
                pageSize={PAGE_SIZE}
                total={result.total}
                onPage={(page) => setFilters({ page: String(page) })}
              />
            </>
          )
        }
      </QueryState>
    </Page>
  );
}
