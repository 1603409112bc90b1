import { Link, useLocation } from 'react-router';
import type { Me } from '../../api/account';
import { useSession } from '../../app/session';
import { format, useI18n } from '../../i18n';
import { Notice, Page } from '../../ui';

interface Destination {
  to: string;
  title: string;
  hint: string;
}

function destinations(me: Me, t: ReturnType<typeof useI18n>['t']): Destination[] {
  const list: Destination[] = [];
  if (me.roles.includes('entrant')) {
    list.push(
      { to: '/companies', title: t.home.entrantCompanies, hint: t.home.entrantCompaniesHint },
      { to: '/nominations', title: t.home.entrantNominations, hint: t.home.entrantNominationsHint },
    );
  }
  if (me.roles.includes('juror'))
    list.push({ to: '/jury', title: t.home.juryAssignments, hint: t.home.juryAssignmentsHint });
  if (me.roles.includes('organiser'))
    list.push({ to: '/organiser', title: t.home.organiser, hint: t.home.organiserHint });
  list.push({ to: '/account', title: t.layout.account, hint: t.home.accountHint });
  return list;
}

function isRegisteredState(value: unknown): value is { registeredEmail: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { registeredEmail?: unknown }).registeredEmail === 'string'
  );
}

export default function HomePage() {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  const me = session.status === 'signedIn' ? session.me : undefined;

  if (me) {
    const justRegistered = isRegisteredState(location.state) ? location.state.registeredEmail : null;
    return (
      <Page title={format(t.home.welcome, { name: me.fullName })}>
        {justRegistered && (
          <Notice tone="success" live>
            <p>{format(t.register.done, { email: justRegistered })}</p>
          </Notice>
        )}
        {!me.emailVerified && !justRegistered && (
          <Notice tone="warning">
            <p>
              {t.home.unverified} <Link to="/verify-email/resend">{t.home.resendLink}</Link>
            </p>
          </Notice>
        )}
        <h2>{t.home.whatNext}</h2>
        <ul className="cards">
          {destinations(me, t).map((d) => (
            <li className="card" key={d.to}>
              <h3>
                <Link to={d.to}>{d.title}</Link>
              </h3>
              <p>{d.hint}</p>
            </li>
          ))}
          <li className="card">
            <h3>
              <a href="/results">{t.layout.results}</a>
            </h3>
            <p>{t.home.resultsCall}</p>
          </li>
        </ul>
      </Page>
    );
  }

  return (
    <Page title={t.home.title} hideHeading>
      <section className="hero" aria-labelledby="hero-title">
        <p className="hero__eyebrow">{t.meta.tagline}</p>
        <h1 id="hero-title">{t.home.title}</h1>
        <p className="page__lead">{t.home.lead}</p>
        {session.status === 'signedOut' && (
          <>
            <p>{t.home.signedOutCall}</p>
            <div className="actions">
              <Link className="button" to="/register">
                {t.layout.register}
              </Link>
              <Link className="button button--secondary" to="/sign-in">
                {t.layout.signIn}
              </Link>
              <a href="/results">{t.home.resultsCall}</a>
            </div>
          </>
        )}
      </section>
      <h2>{t.home.howItWorks}</h2>
      <ol className="steps">
        {t.home.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </Page>
  );
}
