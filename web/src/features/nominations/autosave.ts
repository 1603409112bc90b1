/**
 * A draft's autosave. What the user types lives in React state and, at once, in localStorage (keyed by the
 * nomination), so neither a failed request nor a closed tab loses it. Saves are debounced and sent with
 * If-Match: the version last read. A save that fails for want of the server is retried with growing pauses;
 * one the server refuses as stale stops and shows the server's newer copy beside the user's text, for the
 * user to choose; one the server refuses as invalid waits for the next change.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  fetchNomination,
  type Nomination,
  type NominationChanges,
  nominationKey,
  saveNomination,
} from '../../api/nominations';
import { type ApiError, isApiError, toApiError } from '../../api/problem';

export interface MetricDraft {
  name: string;
  value: string;
  unit: string;
}

export interface DraftContent {
  title: string;
  summary: string;
  answers: Record<string, string>;
  metrics: MetricDraft[];
}

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'restored' }
  | { kind: 'retrying'; seconds: number; error: ApiError }
  | { kind: 'invalid'; error: ApiError }
  | { kind: 'frozen'; error: ApiError }
  | { kind: 'conflict'; server: Nomination };

/** Quiet time after the last keystroke before a save goes out. */
export const SAVE_DELAY_MS = 700;
const MAX_RETRY_SECONDS = 30;

const storageKey = (id: string) => `magistral.nomination-draft.${id}`;

interface StoredDraft {
  /** The server version the text was based on. */
  version: number;
  content: DraftContent;
}

function readStored(id: string): StoredDraft | null {
  try {
    const raw = window.localStorage.getItem(storageKey(id));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredDraft;
    return typeof parsed.version === 'number' && typeof parsed.content?.title === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

function writeStored(id: string, draft: StoredDraft): void {
  try {
    window.localStorage.setItem(storageKey(id), JSON.stringify(draft));
  } catch {
    // Storage full or refused: the text is still in the page and the save goes on.
  }
}

function clearStored(id: string): void {
  try {
    window.localStorage.removeItem(storageKey(id));
  } catch {
    // Nothing to clear.
  }
}

export function contentOf(nomination: Nomination): DraftContent {
  return {
    title: nomination.title,
    summary: nomination.summary,
    answers: { ...nomination.answers },
    metrics: nomination.metrics.map((m) => ({ name: m.name, value: String(m.value), unit: m.unit })),
  };
}

/** A metric the server can store: a name, a finite number and a unit. Others stay in the page and storage. */
export function parseMetricValue(text: string): number | null {
  const normalised = text.replace(/\s/g, '').replace(',', '.');
  if (normalised === '') return null;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

/** What a save sends: every field, but only complete metrics and a title when there is one. */
export function changesOf(content: DraftContent): NominationChanges {
  const metrics = content.metrics.flatMap((m) => {
    const value = parseMetricValue(m.value);
    return m.name.trim() && m.unit.trim() && value !== null
      ? [{ name: m.name.trim(), value, unit: m.unit.trim() }]
      : [];
  });
  const answers = Object.fromEntries(Object.entries(content.answers).filter(([, text]) => text !== ''));
  return {
    ...(content.title.trim() ? { title: content.title } : {}),
    summary: content.summary,
    answers,
    metrics,
  };
}

const same = (a: DraftContent, b: DraftContent) =>
  JSON.stringify(changesOf(a)) === JSON.stringify(changesOf(b));

function classify(error: ApiError): 'stale' | 'invalid' | 'frozen' | 'retry' {
  const { status, code } = error.problem;
  if (code === 'request.stale_version' || status === 412) return 'stale';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 403 || status === 404 || status === 409) return 'frozen';
  return 'retry';
}

export interface Autosave {
  content: DraftContent;
  state: SaveState;
  /** True while something typed has not reached the server. */
  dirty: boolean;
  change(next: DraftContent): void;
  /** Saves now (before a submit); resolves with the saved nomination, or null when it could not save. */
  flush(): Promise<Nomination | null>;
  keepMine(): void;
  takeTheirs(): void;
}

export function useAutosave(nomination: Nomination, enabled: boolean): Autosave {
  const id = nomination.id;
  const queryClient = useQueryClient();

  // The initial text: the server's, unless this browser holds unsaved text for it.
  const [initial] = useState(() => {
    const stored = enabled ? readStored(id) : null;
    const server = contentOf(nomination);
    if (!stored || same(stored.content, server)) return { content: server, stored: null };
    return { content: stored.content, stored };
  });
  const [content, setContent] = useState<DraftContent>(initial.content);
  const [state, setState] = useState<SaveState>(
    initial.stored
      ? initial.stored.version === nomination.version
        ? { kind: 'restored' }
        : { kind: 'conflict', server: nomination }
      : { kind: 'idle' },
  );

  const contentRef = useRef(content);
  const versionRef = useRef(nomination.version);
  const savedRef = useRef<DraftContent>(contentOf(nomination));
  const timer = useRef<number | undefined>(undefined);
  const attempt = useRef(0);
  const inFlight = useRef<Promise<Nomination | null> | null>(null);
  const blocked = useRef(state.kind === 'conflict');
  /** The server's copy while a stale save waits for the user's choice. */
  const conflict = useRef<Nomination | null>(state.kind === 'conflict' ? nomination : null);
  const [dirty, setDirty] = useState(initial.stored !== null);

  const schedule = useCallback((ms: number, run: () => void) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(run, ms);
  }, []);

  const save = useCallback(async (): Promise<Nomination | null> => {
    if (inFlight.current) {
      // One save at a time: wait for it, then save what was typed meanwhile.
      await inFlight.current;
      if (same(contentRef.current, savedRef.current))
        return queryClient.getQueryData(nominationKey(id)) ?? null;
    }
    if (blocked.current) return null;
    window.clearTimeout(timer.current);
    const sent = contentRef.current;
    if (same(sent, savedRef.current)) {
      setDirty(false);
      clearStored(id);
      return queryClient.getQueryData<Nomination>(nominationKey(id)) ?? null;
    }
    setState({ kind: 'saving' });
    const run = (async () => {
      try {
        const saved = await saveNomination(id, changesOf(sent), versionRef.current);
        versionRef.current = saved.version;
        savedRef.current = sent;
        attempt.current = 0;
        queryClient.setQueryData(nominationKey(id), saved);
        void queryClient.invalidateQueries({ queryKey: ['nominations', 'list'] });
        if (same(contentRef.current, sent)) {
          clearStored(id);
          setDirty(false);
          setState({ kind: 'saved', at: new Date() });
        } else {
          // Typed while this save travelled: that goes next.
          writeStored(id, { version: saved.version, content: contentRef.current });
          setState({ kind: 'pending' });
          schedule(SAVE_DELAY_MS, () => void save());
        }
        return saved;
      } catch (thrown) {
        const error = isApiError(thrown) ? thrown : toApiError(undefined, undefined);
        const kind = classify(error);
        if (kind === 'stale') {
          blocked.current = true;
          try {
            const server = await fetchNomination(id);
            conflict.current = server;
            setState({ kind: 'conflict', server });
          } catch {
            blocked.current = false;
            setState({ kind: 'retrying', seconds: 1, error });
            schedule(1000, () => void save());
          }
        } else if (kind === 'invalid') setState({ kind: 'invalid', error });
        else if (kind === 'frozen') {
          setState({ kind: 'frozen', error });
          void queryClient.invalidateQueries({ queryKey: nominationKey(id) });
        } else {
          const seconds = Math.min(MAX_RETRY_SECONDS, 2 ** attempt.current);
          attempt.current += 1;
          setState({ kind: 'retrying', seconds, error });
          schedule(seconds * 1000, () => void save());
        }
        return null;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [id, queryClient, schedule]);

  const change = useCallback(
    (next: DraftContent) => {
      contentRef.current = next;
      setContent(next);
      const changed = !same(next, savedRef.current);
      setDirty(changed);
      if (changed) writeStored(id, { version: versionRef.current, content: next });
      else clearStored(id);
      if (blocked.current) return;
      setState((current) => (current.kind === 'retrying' ? current : { kind: 'pending' }));
      // A retry already waiting keeps its pause; otherwise save once typing pauses.
      schedule(SAVE_DELAY_MS, () => void save());
    },
    [id, save, schedule],
  );

  const keepMine = useCallback(() => {
    const server = conflict.current;
    if (server) {
      versionRef.current = server.version;
      savedRef.current = contentOf(server);
      queryClient.setQueryData(nominationKey(id), server);
    }
    conflict.current = null;
    blocked.current = false;
    setState({ kind: 'pending' });
    writeStored(id, { version: versionRef.current, content: contentRef.current });
    schedule(0, () => void save());
  }, [id, queryClient, save, schedule]);

  const takeTheirs = useCallback(() => {
    const server = conflict.current;
    if (!server) return;
    const theirs = contentOf(server);
    versionRef.current = server.version;
    savedRef.current = theirs;
    contentRef.current = theirs;
    setContent(theirs);
    queryClient.setQueryData(nominationKey(id), server);
    setState({ kind: 'saved', at: new Date(server.updatedAt) });
    conflict.current = null;
    blocked.current = false;
    clearStored(id);
    setDirty(false);
  }, [id, queryClient]);

  // Restored text from this device goes to the server straight away.
  useEffect(() => {
    if (initial.stored && initial.stored.version === nomination.version) schedule(0, () => void save());
    // Only on arrival.
  }, []);

  // Closing the tab with unsaved text: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need a returnValue to show the prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Leaving the page inside the app: send what is pending (it is in storage either way).
  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      if (!blocked.current && !same(contentRef.current, savedRef.current)) void save();
    },
    [save],
  );

  return { content, state, dirty, change, flush: save, keepMine, takeTheirs };
}
