import { currentAccessToken, refreshSession } from './session';

/**
 * Attachments are viewed at their own URL (a frame, or a tab of their own), which answers with a sandboxing
 * CSP, so the file runs in an opaque origin. Such a request cannot carry the bearer token: a service worker
 * (web/public/attachment-frame-sw.js), registered for the attachment routes only (the jurors' under
 * /api/v1/rounds/, the entrants' under /api/v1/attachments/), fetches the file with the token it asks an
 * open page of the app for. The app's pages are outside those scopes: none of their requests pass through it.
 */
const WORKER_URL = '/attachment-frame-sw.js';
export const JUROR_ATTACHMENTS = '/api/v1/rounds/';
export const ENTRANT_ATTACHMENTS = '/api/v1/attachments/';
type Scope = typeof JUROR_ATTACHMENTS | typeof ENTRANT_ATTACHMENTS;

interface TokenRequest {
  type: 'magistral.attachment-token';
  refresh: boolean;
}

function isTokenRequest(data: unknown): data is TokenRequest {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === 'magistral.attachment-token'
  );
}

const ready = new Map<Scope, Promise<boolean>>();
let answering = false;

function answerTokenRequests(): void {
  if (answering) return;
  answering = true;
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
    if (!isTokenRequest(event.data) || !event.ports[0]) return;
    const port = event.ports[0];
    const renewed = event.data.refresh ? refreshSession() : Promise.resolve(true);
    void renewed.then(() => port.postMessage(currentAccessToken()));
  });
  navigator.serviceWorker.startMessages();
}

async function register(scope: Scope): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  try {
    answerTokenRequests();
    const registration = await navigator.serviceWorker.register(WORKER_URL, { scope });
    const worker = registration.installing ?? registration.waiting ?? registration.active;
    if (!worker) return false;
    if (worker.state !== 'activated')
      await new Promise<void>((resolve) => {
        worker.addEventListener('statechange', () => {
          if (worker.state === 'activated' || worker.state === 'redundant') resolve();
        });
      });
    return registration.active !== null;
  } catch {
    return false;
  }
}

/** Registers the worker for `scope` (once); true when this browser can sign requests there. */
export function attachmentViewsReady(scope: Scope): Promise<boolean> {
  let registered = ready.get(scope);
  if (!registered) {
    registered = register(scope);
    ready.set(scope, registered);
  }
  return registered;
}

/** The URL to frame for a juror's PDF attachment, or null when this browser cannot sign the frame's request. */
export async function pdfFrameUrl(downloadUrl: string): Promise<string | null> {
  return (await attachmentViewsReady(JUROR_ATTACHMENTS)) ? `${downloadUrl}?disposition=inline` : null;
}
