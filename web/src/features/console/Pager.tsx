import { useEffect, useRef } from 'react';
import { format, useI18n } from '../../i18n';
import type { Plural } from '../../i18n/types';
import { Button } from '../../ui';
// The pager's styles come with it, wherever a screen uses it.
import './pager.css';

/** What a pager says: its landmark's name, the count, where it is ("Page {page} of {pages}"), its two buttons. */
export interface PagerWords {
  label: string;
  shown: Plural;
  pageOf: string;
  previous: string;
  next: string;
}

export interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  words: PagerWords;
}

/**
 * How many there are, and the previous and next pages. Reaching the first or the last page removes the button
 * just pressed: the focus then moves to the other one, so that a keyboard user stays on the pager. Its words
 * come from the screen that uses it, so that a screen loads no other screen's strings for it.
 */
export function Pager({ page, pageSize, total, onPage, words }: PagerProps) {
  const { plural } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const buttons = useRef<HTMLElement>(null);
  const pressed = useRef(false);
  useEffect(() => {
    const was = pressed.current;
    pressed.current = false;
    const nav = buttons.current;
    // The button pressed is gone (first or last page): its neighbour takes the focus, not the page's body.
    if (was && nav && !nav.contains(document.activeElement)) nav.querySelector('button')?.focus();
  }, [page]);
  const go = (to: number) => {
    pressed.current = true;
    onPage(to);
  };
  return (
    <nav className="entries-pager" aria-label={words.label} ref={buttons}>
      <p role="status">
        {plural(words.shown, total)}
        {pages > 1 && ` · ${format(words.pageOf, { page, pages })}`}
      </p>
      {pages > 1 && (
        <div className="actions">
          {page > 1 && (
            <Button variant="secondary" onClick={() => go(page - 1)}>
              {words.previous}
            </Button>
          )}
          {page < pages && (
            <Button variant="secondary" onClick={() => go(page + 1)}>
              {words.next}
            </Button>
          )}
        </div>
      )}
    </nav>
  );
}
