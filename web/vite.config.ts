import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

/** This folder, as a path (the config runs in Node; the app's own code never sees these). */
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);
const outDir = decodeURIComponent(new URL('../dist/web', import.meta.url).pathname);

export default defineConfig(({ mode }) => {
  /** The API the dev server forwards to: `npm run start:dev` runs it on 3000; MAGISTRAL_API_ORIGIN overrides. */
  const api = loadEnv(mode, root, 'MAGISTRAL_').MAGISTRAL_API_ORIGIN ?? 'http://localhost:3000';
  // The API refuses cookie-session requests whose Origin is not its PUBLIC_URL: the proxy speaks as the API's origin.
  const forward = { target: api, changeOrigin: true, headers: { origin: new URL(api).origin } };
  const proxy = { '/api': forward, '/results': forward };
  return {
    root,
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      assetsDir: 'assets',
      // The server's CSP forbids inline scripts: the module preload polyfill would be one.
      modulePreload: { polyfill: false },
      target: 'es2022',
      // The app, and "Verify in your browser" for the server-rendered results pages: a script of its own
      // (web/src/public-verify), which the server finds in the build manifest (.vite/manifest.json).
      manifest: true,
      rolldownOptions: {
        input: { index: `${root}index.html`, verify: `${root}src/public-verify/main.ts` },
      },
    },
    server: {
      port: 5173,
      proxy,
    },
    preview: {
      port: 4173,
      proxy,
    },
  };
});
