/**
 * Uploads an attachment with progress. fetch (and so openapi-fetch) reports no upload progress, so this one
 * request goes through XMLHttpRequest, with the same in-memory access token the client sends and the same
 * answer to an expired one: refresh from the cookie once, then send the file again.
 */
import { attachmentViewsReady, ENTRANT_ATTACHMENTS } from './attachment-views';
import type { Attachment } from './nominations';
import { type ApiError, toApiError } from './problem';
import { currentAccessToken, refreshSession } from './session';

export interface UploadProgress {
  loaded: number;
  total: number;
}

interface XhrAnswer {
  status: number;
  statusText: string;
  body: unknown;
  retryAfter: string | null;
}

function send(
  nominationId: string,
  file: File,
  idempotencyKey: string,
  onProgress: (progress: UploadProgress) => void,
  signal: AbortSignal | undefined,
): Promise<XhrAnswer | null> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/nominations/${encodeURIComponent(nominationId)}/attachments`);
    xhr.responseType = 'json';
    const token = currentAccessToken();
    if (token !== null) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        statusText: xhr.statusText,
        body: xhr.response as unknown,
        retryAfter: xhr.getResponseHeader('retry-after'),
      });
    // Offline, refused or aborted: no answer at all.
    xhr.onerror = () => resolve(null);
    xhr.onabort = () => resolve(null);
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function asApiError(answer: XhrAnswer | null): ApiError {
  if (!answer) return toApiError(undefined, undefined);
  const headers = new Headers(answer.retryAfter ? { 'retry-after': answer.retryAfter } : {});
  return toApiError(
    answer.body,
    new Response(null, { status: answer.status, statusText: answer.statusText, headers }),
  );
}

const isExpired = (answer: XhrAnswer | null) =>
  answer?.status === 401 &&
  typeof answer.body === 'object' &&
  answer.body !== null &&
  (answer.body as { code?: unknown }).code === 'auth.token_expired';

/** Sends `file`; resolves with the stored attachment or rejects with an ApiError (as `unwrap` does). */
export async function uploadAttachment(
  nominationId: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<Attachment> {
  // One key for both tries: if the first reached the server after all, the second answers the same.
  const key = crypto.randomUUID();
  let answer = await send(nominationId, file, key, onProgress, signal);
  if (isExpired(answer) && (await refreshSession())) {
    onProgress({ loaded: 0, total: file.size });
    answer = await send(nominationId, file, key, onProgress, signal);
  }
  if (answer && answer.status >= 200 && answer.status < 300) return answer.body as Attachment;
  throw asApiError(answer);
}

/**
 * Opens an attachment in a new tab. The file route needs the bearer token, which a plain link cannot carry:
 * where the browser runs service workers, the tab opens the file's own URL and the worker signs the request
 * (api/attachment-views.ts), so the file keeps the server's sandboxing CSP. Elsewhere the file is fetched
 * with the token and shown from memory; the tab is opened at once, while the click still counts as the
 * user's, and pointed at the file when it has arrived.
 */
export async function openAttachment(attachmentId: string): Promise<void> {
  const inline = `/api/v1/attachments/${encodeURIComponent(attachmentId)}?disposition=inline`;
  if (await attachmentViewsReady(ENTRANT_ATTACHMENTS)) {
    window.open(inline, '_blank', 'noopener');
    return;
  }
  const tab = window.open('', '_blank');
  const load = async () => {
    const token = currentAccessToken();
    return fetch(inline, {
      credentials: 'same-origin',
      headers: token === null ? {} : { Authorization: `Bearer ${token}` },
    });
  };
  try {
    let response = await load();
    if (response.status === 401 && (await refreshSession())) response = await load();
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      throw toApiError(body, response);
    }
    const url = URL.createObjectURL(await response.blob());
    if (tab) {
      tab.opener = null;
      tab.location.href = url;
    } else {
      // Pop-ups refused: a link the browser opens in a new tab keeps the editor where it is.
      const link = document.createElement('a');
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener';
      link.click();
    }
    // Long enough for the tab to have read it.
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    throw error;
  }
}
