import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  type Declaration,
  type ParticipatingCompany,
  useAcceptTerms,
  useConfirmDeclaration,
  useDeclaration,
  useDeclareConflicts,
  useParticipatingCompanies,
  useSetEmployer,
} from '../../api/jury';
import { isApiError } from '../../api/problem';
import { Loading } from '../../app/Layout';
import { format, useI18n } from '../../i18n';
import { Button, ErrorSummary, formText, Notice, Page } from '../../ui';
import NotFoundPage from '../errors/NotFoundPage';
import './jury.css';

const NONE = '';

function EmployerForm({
  declaration,
  companies,
}: {
  declaration: Declaration;
  companies: ParticipatingCompany[];
}) {
  const { t } = useI18n();
  const d = t.jury.declarations;
  const save = useSetEmployer(declaration.editionId);
  const current = declaration.employer?.companyId ?? NONE;
  // The employer may be a company that does not take part: it stays selectable.
  const options =
    declaration.employer && !companies.some((c) => c.id === declaration.employer?.companyId)
      ? [{ id: declaration.employer.companyId, name: declaration.employer.name }, ...companies]
      : companies;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = formText(new FormData(event.currentTarget), 'employer');
    save.mutate(value === NONE ? null : value);
  };

  return (
    <section className="section" aria-labelledby="employer-title">
      <h2 id="employer-title">{d.employerTitle}</h2>
      <ErrorSummary error={save.error} />
      {save.isSuccess && (
        <Notice tone="success" live>
          <p>{d.employerSaved}</p>
        </Notice>
      )}
      <form key={current} className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label className="field__label" htmlFor="field-employer">
            {d.employerLegend}
          </label>
          <p className="field__hint" id="field-employer-hint">
            {d.employerHint}
          </p>
          <select
            id="field-employer"
            name="employer"
            className="input"
            defaultValue={current}
            aria-describedby="field-employer-hint"
          >
            <option value={NONE}>{d.employerNone}</option>
            {options.map((company) => (
              <option key={company.id} value={company.id}>
                {company.name}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" busy={save.isPending} busyLabel={d.saving}>
          {d.employerSave}
        </Button>
      </form>
    </section>
  );
}

function ConflictsForm({
  declaration,
  companies,
}: {
  declaration: Declaration;
  companies: ParticipatingCompany[];
}) {
  const { t, plural } = useI18n();
  const d = t.jury.declarations;
  const declare = useDeclareConflicts(declaration.editionId);
  const [problems, setProblems] = useState<{ companies?: string; reason?: string }>({});
  const [done, setDone] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const companyIds = form.getAll('company').filter((v): v is string => typeof v === 'string');
    const reason = formText(form, 'reason').trim();
    const found = {
      ...(companyIds.length ? {} : { companies: d.pickOne }),
      ...(reason ? {} : { reason: d.reasonRequired }),
    };
    setProblems(found);
    setDone(false);
    if (found.companies) {
      formElement.querySelector<HTMLInputElement>('input[name="company"]:not(:disabled)')?.focus();
      return;
    }
    if (found.reason) {
      formElement.querySelector<HTMLTextAreaElement>('#field-reason')?.focus();
      return;
    }
    declare.mutate(
      { companyIds, reason },
      {
        onSuccess: () => {
          formElement.reset();
          setDone(true);
        },
      },
    );
  };

  return (
    <section className="section" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">{d.conflictsTitle}</h2>
      <h3>{d.yourConflicts}</h3>
      {declaration.conflicts.length === 0 ? (
        <p className="muted">{d.noConflicts}</p>
      ) : (
        <ul>
          {declaration.conflicts.map((c) => (
            <li key={`${c.companyId}-${c.source}`}>
              {c.companyName} <span className="muted">({d.sources[c.source]})</span>
            </li>
          ))}
        </ul>
      )}
      {declaration.open && (
        <>
          <ErrorSummary error={declare.error} />
          {done && (
            <Notice tone="success" live>
              <p>{d.declared}</p>
            </Notice>
          )}
          {companies.length === 0 ? (
            <p className="muted">{d.noCompanies}</p>
          ) : (
            <form className="form form--wide" onSubmit={submit} noValidate>
              <fieldset
                className="fieldset"
                aria-describedby={`conflicts-hint${problems.companies ? ' conflicts-error' : ''}`}
              >
                <legend>{d.conflictsLegend}</legend>
                <p className="field__hint" id="conflicts-hint">
                  {d.conflictsHint} {plural(d.companiesCount, companies.length)}
                </p>
                {problems.companies && (
                  <p className="field__error" id="conflicts-error">
                    {problems.companies}
                  </p>
                )}
                <div className="declaration-companies">
                  {companies.map((company) => {
                    const already = company.conflicts.length > 0;
                    const id = `company-${company.id}`;
                    return (
                      <div className="checkbox" key={company.id}>
                        <input
                          type="checkbox"
                          id={id}
                          name="company"
                          value={company.id}
                          defaultChecked={already}
                          disabled={already}
                        />
                        <label htmlFor={id}>
                          {company.name}
                          {already && (
                            <span className="muted">
                              {' '}
                              ({company.conflicts.map((s) => d.sources[s]).join(', ')})
                            </span>
                          )}
                        </label>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
              <div className={problems.reason ? 'field field--invalid' : 'field'}>
                <label className="field__label" htmlFor="field-reason">
                  {d.reason}
                </label>
                <p className="field__hint" id="field-reason-hint">
                  {d.reasonHint}
                </p>
                {problems.reason && (
                  <p className="field__error" id="field-reason-error">
                    {problems.reason}
                  </p>
                )}
                <textarea
                  id="field-reason"
                  name="reason"
                  className="input textarea"
                  maxLength={2000}
                  aria-invalid={problems.reason ? true : undefined}
                  aria-describedby={`field-reason-hint${problems.reason ? ' field-reason-error' : ''}`}
                />
              </div>
              <Button type="submit" variant="secondary" busy={declare.isPending} busyLabel={d.saving}>
                {d.declare}
              </Button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

function ConfirmForm({ declaration }: { declaration: Declaration }) {
  const { t, formatDateTime } = useI18n();
  const d = t.jury.declarations;
  const acceptTerms = useAcceptTerms(declaration.editionId);
  const confirm = useConfirmDeclaration(declaration.editionId);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const accepted = new FormData(event.currentTarget).get('accept') === 'yes';
    setMissing(!accepted);
    if (!accepted) {
      event.currentTarget.querySelector<HTMLInputElement>('#field-accept')?.focus();
      return;
    }
    // The terms are accepted first, as a moment of their own (kept when the confirmation fails), then the
    // declaration is confirmed.
    if (declaration.termsAcceptedAt) confirm.mutate();
    else acceptTerms.mutate(undefined, { onSuccess: () => confirm.mutate() });
  };

  return (
    <section className="section" aria-labelledby="confirm-title">
      <h2 id="confirm-title">{d.confirmTitle}</h2>
      <ul className="declaration-terms">
        {d.terms.map((term) => (
          <li key={term}>{term}</li>
        ))}
      </ul>
      {declaration.termsAcceptedAt && (
        <p className="declaration-terms-accepted">
          {format(d.termsAccepted, { date: formatDateTime(declaration.termsAcceptedAt) })}
        </p>
      )}
      {declaration.complete ? (
        <>
          {confirm.isSuccess && (
            <Notice tone="success" live>
              <p>{d.confirmed}</p>
            </Notice>
          )}
          <p>
            <Link to="/jury">{d.toWorklist}</Link>
          </p>
        </>
      ) : (
        declaration.open && (
          <>
            <ErrorSummary error={acceptTerms.error ?? confirm.error} />
            <form className="form" onSubmit={submit} noValidate>
              <fieldset className="fieldset" aria-describedby={missing ? 'accept-error' : undefined}>
                <legend>{d.confirmLegend}</legend>
                {missing && (
                  <p className="field__error" id="accept-error">
                    {d.acceptRequired}
                  </p>
                )}
                <div className="checkbox">
                  <input
                    type="checkbox"
                    id="field-accept"
                    name="accept"
                    value="yes"
                    required
                    aria-invalid={missing || undefined}
                  />
                  <label htmlFor="field-accept">{d.accept}</label>
                </div>
              </fieldset>
              <Button type="submit" busy={acceptTerms.isPending || confirm.isPending} busyLabel={d.saving}>
                {d.confirm}
              </Button>
            </form>
          </>
        )
      )}
    </section>
  );
}

export default function DeclarationsPage() {
  const { t, formatDateTime } = useI18n();
  const d = t.jury.declarations;
  const { editionId = '' } = useParams();
  const declaration = useDeclaration(editionId);
  const companies = useParticipatingCompanies(editionId, declaration.data?.open === true, '');

  if (declaration.isPending) return <Loading />;
  if (declaration.isError) {
    const status = isApiError(declaration.error) ? declaration.error.problem.status : 0;
    // Unknown, a draft, or no panel of theirs: the same page, so nothing tells them apart.
    if (status === 404 || status === 400) return <NotFoundPage />;
    return (
      <Page title={d.title}>
        <ErrorSummary error={declaration.error} />
      </Page>
    );
  }
  const data = declaration.data;
  const list = companies.data?.items ?? [];
  return (
    <Page title={d.title} lead={format(d.lead, { edition: data.editionName })}>
      {data.complete ? (
        <Notice tone="success">
          <p>{format(d.complete, { date: formatDateTime(data.completedAt ?? '') })}</p>
        </Notice>
      ) : data.open ? (
        <Notice tone="warning">
          <p>{d.incomplete}</p>
        </Notice>
      ) : null}
      {!data.open && (
        <Notice>
          <p>{d.closed}</p>
        </Notice>
      )}
      {companies.isError && <ErrorSummary error={companies.error} />}
      {data.open && companies.isPending ? (
        <p role="status">{t.layout.loading}</p>
      ) : (
        <>
          {data.open && <EmployerForm declaration={data} companies={list} />}
          <ConflictsForm declaration={data} companies={list} />
          <ConfirmForm declaration={data} />
        </>
      )}
    </Page>
  );
}
