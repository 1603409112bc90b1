import { createContext, useContext } from 'react';
import { NavLink, Outlet, useParams } from 'react-router';
import { type Edition, useEdition } from '../../api/nominations';
import { format, useI18n } from '../../i18n';
import { QueryState } from '../../ui/QueryState';
import './console.css';
import { registerConsoleSection } from './messages';

// Every console screen renders inside this layout, whose chunk the router loads (and this await finishes)
// before it renders any of them: none renders before the console's own strings (`t.console.…`) are in the
// dictionary shown, deep link and reload included. Each screen's module brings its section (strings/).
await registerConsoleSection('console', {
  en: () => import('../../i18n/console/en').then((m) => ({ console: m.consoleShell })),
  ru: () => import('../../i18n/console/ru').then((m) => ({ console: m.consoleShell })),
  kk: () => import('../../i18n/console/kk').then((m) => ({ console: m.consoleShell })),
  de: () => import('../../i18n/console/de').then((m) => ({ console: m.consoleShell })),
});

/** The console's own navigation, above every console screen (organisers only: see `RequireRole`). */
export function ConsoleLayout() {
  const { t } = useI18n();
  const sections = t.console.sections;
  return (
    <>
      <nav className="console-nav" aria-label={t.console.navigation}>
        <ul>
          <li>
            <NavLink to="/organiser" end>
              {sections.editions}
            </NavLink>
          </li>
          <li>
            <NavLink to="/organiser/people">{sections.people}</NavLink>
          </li>
          <li>
            <NavLink to="/organiser/audit">{sections.audit}</NavLink>
          </li>
          <li>
            <NavLink to="/organiser/mail">{sections.mail}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

const EditionContext = createContext<Edition | undefined>(undefined);

/** The edition whose console screen this is, as its layout loaded it (and keeps fresh). */
export function useConsoleEdition(): Edition {
  const edition = useContext(EditionContext);
  if (edition === undefined) throw new Error('useConsoleEdition outside an edition’s console screen');
  return edition;
}

const EDITION_SECTIONS = [
  ['', 'overview'],
  ['categories', 'categories'],
  ['companies', 'companies'],
  ['nominations', 'nominations'],
  ['jury', 'jury'],
  ['rounds', 'rounds'],
  ['progress', 'progress'],
  ['results', 'results'],
  ['publication', 'publication'],
] as const;

/** `/organiser/editions/:editionId/…`: the edition's name and phase, and its sections. */
export function EditionLayout() {
  const { t } = useI18n();
  const { editionId = '' } = useParams();
  const query = useEdition(editionId);
  return (
    <QueryState query={query} title={t.console.title} notFound={[400, 404]}>
      {(edition) => (
        <EditionContext.Provider value={edition}>
          <nav className="console-nav console-nav--edition" aria-label={t.console.editionNavigation}>
            <p className="console-nav__edition">
              <strong>{edition.name}</strong>{' '}
              <span className="console-phase">
                {format(t.console.phase, { phase: t.console.phases[edition.phase] })}
              </span>
            </p>
            <ul>
              {EDITION_SECTIONS.map(([path, key]) => (
                <li key={key}>
                  <NavLink
                    to={`/organiser/editions/${edition.id}${path ? `/${path}` : ''}`}
                    end={path === ''}
                  >
                    {t.console.editionSections[key]}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <Outlet />
        </EditionContext.Provider>
      )}
    </QueryState>
  );
}
