import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The verifier's entry in Vite's build manifest: its source path under web/ (see web/vite.config.ts). */
export const VERIFIER_ENTRY = 'src/public-verify/main.ts';

/**
 * The URL of the built "Verify in your browser" script (`/assets/<name>-<hash>.js`, served by the web app's
 * static files), read from Vite's manifest in the built web app; null when the web app is not built, in
 * which case the results pages simply offer no button.
 */
export function builtVerifierScript(webDir: string): string | null {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(join(webDir, '.vite', 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
  const entry = (manifest as Record<string, { file?: unknown } | undefined> | null)?.[VERIFIER_ENTRY];
  const file = entry?.file;
  return typeof file === 'string' && /^assets\/[\w.-]+\.js$/.test(file) ? `/${file}` : null;
}
