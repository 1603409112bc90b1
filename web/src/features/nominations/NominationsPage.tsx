import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useCompanies } from '../../api/companies';
import { type Category, useEditions, useNominations } from '../../api/nominations';
import { format, useI18n } from '../../i18n';
import { ErrorSummary, Page } from '../../ui';
import { localized, StatusBadge } from './shared';
import './nominations.css';

/** The categories of every edition the list mentions, by id, for their names. */
function useCategoryNames(editionIds: string[]): { byId: Map<string, Category>; pending: boolean } {
  const results = useQueries({
    queries: editionIds.map((id) => ({
      queryKey: ['editions', id, 'categories'],
      queryFn: () => unwrap(api.GET('/api/v1/editions/{id}/categories', { params: { path: { id } } })),
      staleTime: 60_000,
    })),
  });
  const byId = new Map<string, Category>();
  for (const result of results) for (const category of result.data ?? []) byId.set(category.id, category);
  return { byId, pending: results.some((r) => r.isPending) };
}

function StartLink() {
  const { t } = useI18n();
  return (
    <p>
      <Link className="button" to="/nominations/new">
        {t.nominations.start}
      </Link>
    </p>
  );
}

function NominationList() {
  const { t, locale, formatDateTime, timeZone } = useI18n();
  const nominations = useNominations();
  const editions = useEditions();
  const companies = useCompanies();
  const items = nominations.data?.items ?? [];
  const editionIds = [...new Set(items.map((n) => n.editionId))];
  const categories = useCategoryNames(editionIds);

  // The category names too: a row never shows a dash that turns into a name a moment later.
  if (nominations.isPending || editions.isPending || companies.isPending || categories.pending)
    return <p role="status">{t.layout.loading}</p>;
  const error = nominations.error ?? editions.error ?? companies.error;
  if (error) return <ErrorSummary error={error} />;

  if (items.length === 0) {
    if (companies.data?.items.length === 0)
      return (
        <section className="section" aria-labelledby="no-nominations">
          <h2 id="no-nominations">{t.nominations.none}</h2>
          <p>{t.nominations.noCompany}</p>
          <p>
            <Link className="button" to="/companies">
              {t.nominations.createCompany}
            </Link>
          </p>
        </section>
      );
    return (
      <section className="section" aria-labelledby="no-nominations">
        <h2 id="no-nominations">{t.nominations.none}</h2>
        <p>{t.nominations.noneCall}</p>
        <StartLink />
      </section>
    );
  }

  const editionsById = new Map((editions.data?.items ?? []).map((e) => [e.id, e]));
  return (
    <>
      <StartLink />
      <div className="nom-table-wrap">
        <table className="nom-table">
          <caption>{t.nominations.listCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.nominations.columns.title}</th>
              <th scope="col">{t.nominations.columns.status}</th>
              <th scope="col">{t.nominations.columns.company}</th>
              <th scope="col">{t.nominations.columns.category}</th>
              <th scope="col">{t.nominations.columns.edition}</th>
              <th scope="col">{t.nominations.columns.deadline}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((nomination) => {
              const edition = editionsById.get(nomination.editionId);
              const category = categories.byId.get(nomination.categoryId);
              return (
                <tr key={nomination.id}>
                  <th scope="row">
                    <Link to={`/nominations/${nomination.id}`}>
                      {nomination.title || t.nominations.untitled}
                    </Link>
                  </th>
                  <td data-label={t.nominations.columns.status}>
                    <StatusBadge status={nomination.status} />
                  </td>
                  <td data-label={t.nominations.columns.company}>{nomination.companyName}</td>
                  <td data-label={t.nominations.columns.category}>
                    {category ? localized(category.name, locale) : '—'}
                  </td>
                  <td data-label={t.nominations.columns.edition}>{edition?.name ?? '—'}</td>
                  <td data-label={t.nominations.columns.deadline}>
                    {edition ? formatDateTime(edition.nominationsCloseAt) : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">{format(t.common.timeZoneNamed, { zone: timeZone })}</p>
    </>
  );
}

export default function NominationsPage() {
  const { t } = useI18n();
  return (
    <Page title={t.nominations.title} lead={t.nominations.lead}>
      <NominationList />
    </Page>
  );
}
