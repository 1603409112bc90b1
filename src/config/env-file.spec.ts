import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadDotEnv } from './env-file.js';

function directoryWith(contents: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'magistral-env-'));
  writeFileSync(join(directory, '.env'), contents);
  return directory;
}

describe('loadDotEnv', () => {
  const file = 'PORT=4300                # the port\nREDIS_PREFIX="from-file"\nHOST=127.0.0.1\n';

  it('reads .env from the directory, the real environment winning', () => {
    const env: Record<string, string | undefined> = { HOST: '0.0.0.0' };
    expect(loadDotEnv(env, directoryWith(file))).toMatch(/\.env$/);
    expect(env).toEqual({ PORT: '4300', REDIS_PREFIX: 'from-file', HOST: '0.0.0.0' });
  });

  it('reads nothing in tests, nor where there is no .env', () => {
    const inTest: Record<string, string | undefined> = { NODE_ENV: 'test' };
    expect(loadDotEnv(inTest, directoryWith(file))).toBeUndefined();
    expect(inTest).toEqual({ NODE_ENV: 'test' });
    expect(loadDotEnv({}, mkdtempSync(join(tmpdir(), 'magistral-env-')))).toBeUndefined();
  });
});
