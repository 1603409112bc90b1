import { type ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../i18n';

let firstPage = true;

interface PageProps {
  title: string;
  /** Shown under the heading. */
  lead?: ReactNode;
  narrow?: boolean;
  /** The heading is visually part of `children` (e.g. the home page's hero). */
  hideHeading?: boolean;
  children?: ReactNode;
}

/**
 * Every screen's frame: the `main` landmark with the one h1, and the document title. After a client-side
 * navigation focus moves to the new page, so screen readers announce it as they would a page load.
 */
export function Page({ title, lead, narrow = false, hideHeading = false, children }: PageProps) {
  const { t } = useI18n();
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    document.title = title === t.meta.awardName ? title : `${title} — ${t.meta.awardName}`;
  }, [title, t.meta.awardName]);

  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    main.current?.focus({ preventScroll: false });
  }, []);

  return (
    <main id="main" ref={main} tabIndex={-1} className={narrow ? 'page page--narrow' : 'page'}>
      {!hideHeading && <h1>{title}</h1>}
      {lead !== undefined && <p className="page__lead">{lead}</p>}
      {children}
    </main>
  );
}
