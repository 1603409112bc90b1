import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { type AppConfig, ConfigError, loadConfig } from './app-config.js';

/**
 * Reads `.env` from the working directory into `env`, when there is one. Variables already set in the real
 * environment win over the file (so a deployment can override one value without editing it). Never in
 * tests: a developer's `.env` must not change what the test suite runs against.
 *
 * Returns the path read, or undefined.
 */
export function loadDotEnv(
  env: NodeJS.ProcessEnv = process.env,
  directory: string = process.cwd(),
): string | undefined {
  if (env.NODE_ENV === 'test' || env.JEST_WORKER_ID !== undefined) return undefined;
  const path = join(directory, '.env');
  if (!existsSync(path)) return undefined;
  const values = parseEnv(readFileSync(path, 'utf8'));
  for (const [name, value] of Object.entries(values)) {
    if (env[name] === undefined && value !== undefined) env[name] = value;
  }
  return path;
}

/**
 * The configuration of a process that starts from the command line (API, worker, CLI): `.env` first, then
 * validation; a bad configuration is printed as one line per bad variable, and the process exits 1.
 */
export function configOrExit(): AppConfig {
  loadDotEnv();
  try {
    return loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
