import { currentAccessToken, refreshSession } from '../../../api/session';

/**
 * PDFs are shown in a frame of the attachment's own URL (it answers with a sandboxing CSP, so the file runs
 * in an opaque origin). A frame cannot send the juror's bearer token: a service worker registered for
 * /api/v1/rounds/ only (web/public/attachment-frame-sw.js) fetches the file with the token it asks this page
 * for. The page itself is not controlled by it, so none of its own requests pass through the worker.
 */
const WORKER_URL = '/attachment-frame-sw.js';
const SCOPE = '/api/v1/rounds/';

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

let ready: Promise<boolean> | null = null;

function answerTokenRequests(): void {
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
    if (!isTokenRequest(event.data) || !event.ports[0]) return;
    const port = event.ports[0];
    const renewed = event.data.refresh ? refreshSession() : Promise.resolve(true);
    void renewed.then(() => port.postMessage(currentAccessToken()));
  });
  navigator.serviceWorker.startMessages();
}

async function register(): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  try {
    answerTokenRequests();
    const registration = await navigator.serviceWorker.register(WORKER_URL, { scope: SCOPE });
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

/** The URL to frame for a PDF attachment, or null when this browser cannot sign the frame's request. */
export async function pdfFrameUrl(downloadUrl: string): Promise<string | null> {
  ready ??= register();
  return (await ready) ? `${downloadUrl}?disposition=inline` : null;
}
