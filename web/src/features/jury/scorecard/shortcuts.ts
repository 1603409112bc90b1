import { useEffect, useRef } from 'react';

interface Shortcuts {
  next: () => void;
  previous: () => void;
  submit: () => void;
  help: () => void;
  /** A dialog is open: it has the keyboard. */
  paused: boolean;
}

/** Where the keys are the juror's text: letters typed there are never shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}

/**
 * The scorecard's keys: `j`/`]` next and `k`/`[` previous nomination, `?` the list of shortcuts, Ctrl+Enter
 * (⌘+Enter) submit, which works in the comment too, as in most editors. Letters typed in a field are text.
 */
export function useShortcuts(shortcuts: Shortcuts): void {
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const actions = current.current;
      if (actions.paused || event.defaultPrevented || event.isComposing) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        actions.submit();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const action =
        event.key === 'j' || event.key === ']'
          ? actions.next
          : event.key === 'k' || event.key === '['
            ? actions.previous
            : event.key === '?'
              ? actions.help
              : undefined;
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
