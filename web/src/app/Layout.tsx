import { Suspense } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSignOut, useUpdateMe } from '../api/account';
import { LANGUAGE_NAMES, LOCALES, type Locale, useI18n } from '../i18n';
import { useSession } from './session';

function Mark() {
  return (
    <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="currentColor" opacity="0.12" />
      <path d="M7 24V9l9 9 9-9v15" fill="none" stroke="#c9a45c" strokeWidth="3" strokeLinejoin="round" />
    </svg>
  );
}

function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  const session = useSession();
  const updateMe = useUpdateMe();
  const choose = (next: Locale) => {
    setLocale(next);
    // Saved on the account too, so that the mails we send follow the same choice.
    if (session.status === 'signedIn') updateMe.mutate({ locale: next });
  };
  return (
    <nav className="language-switch" aria-label={t.layout.language}>
      <ul>
        {LOCALES.map((code) => (
          <li key={code}>
            <button type="button" lang={code} aria-pressed={code === locale} onClick={() => choose(code)}>
              {LANGUAGE_NAMES[code]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SiteNav() {
  const { t } = useI18n();
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <nav className="site-nav" aria-label={t.layout.mainNavigation}>
      <ul>
        <li>
          {/* Server-rendered pages: a full page load, not a client-side route. */}
          <a href="/results">{t.layout.results}</a>
        </li>
        {session.status === 'signedIn' ? (
          <>
            <li>
              <NavLink to="/account">{t.layout.account}</NavLink>
            </li>
            <li>
              <button
                type="button"
                onClick={() => signOut.mutate('this', { onSettled: () => void navigate('/sign-out') })}
              >
                {t.layout.signOut}
              </button>
            </li>
          </>
        ) : session.status === 'signedOut' ? (
          <>
            <li>
              <NavLink to="/sign-in">{t.layout.signIn}</NavLink>
            </li>
            <li>
              <NavLink to="/register">{t.layout.register}</NavLink>
            </li>
          </>
        ) : null}
      </ul>
    </nav>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <main id="main" className="page" aria-busy="true">
      <p role="status">{t.layout.loading}</p>
    </main>
  );
}

/** The frame around every screen: skip link, header with the award's name, navigation, footer. */
export function Layout() {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href="#main">
        {t.layout.skipToContent}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <NavLink to="/" className="brand">
            <Mark />
            <span className="brand__name">{t.meta.awardName}</span>
          </NavLink>
          <SiteNav />
          <LanguageSwitch />
        </div>
      </header>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>{t.layout.footer}</p>
          <p>
            <a href="/results">{t.layout.results}</a>
          </p>
        </div>
      </footer>
    </>
  );
}
