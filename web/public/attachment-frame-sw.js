/*
 * Signs attachment views. An attachment needs the user's session (a bearer token that lives only in the
 * page's memory), which a frame's or a new tab's request does not carry: this worker, registered for
 * /api/v1/rounds/ (jurors) and /api/v1/attachments/ (entrants) only, answers such a request by fetching the
 * file with the token it asks an open page of the app for. The file keeps its own sandboxing
 * Content-Security-Policy. Nothing is stored; every other request passes untouched.
 */
const ATTACHMENT =
  /^\/api\/v1\/(rounds\/[0-9a-f-]{36}\/nominations\/[0-9a-f-]{36}\/attachments|attachments)\/[0-9a-f-]{36}$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || event.request.method !== 'GET' || !ATTACHMENT.test(url.pathname))
    return;
  event.respondWith(signed(url));
});

/** The access token of one of the app's open pages (`refresh`: a renewed one), or null. */
async function askToken(refresh) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) {
    if (new URL(client.url).pathname.startsWith('/api/')) continue;
    const token = await new Promise((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(null), 5000);
      channel.port1.onmessage = (message) => {
        clearTimeout(timer);
        resolve(typeof message.data === 'string' ? message.data : null);
      };
      client.postMessage({ type: 'magistral.attachment-token', refresh }, [channel.port2]);
    });
    if (token) return token;
  }
  return null;
}

async function signed(url) {
  let response;
  for (const refresh of [false, true]) {
    const token = await askToken(refresh);
    if (!token) break;
    response = await fetch(url.href, {
      headers: { Authorization: `Bearer ${token}` },
      credentials: 'omit',
      cache: 'no-store',
    });
    if (response.status !== 401) return response;
  }
  return response ?? fetch(url.href, { credentials: 'omit', cache: 'no-store' });
}
