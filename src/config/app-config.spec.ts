import { generateSigningKey } from './signing-keys.js';
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ConfigError, configWarnings, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('takes the defaults and ignores variables that are not its own', () => {
    const config = loadConfig({ PATH: '/usr/bin', UPLOAD_DIR: 'var/uploads' });
    expect(config.UPLOAD_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(config.AUDIT_SEALER).toBe(true);
  });

  it('reports every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', UPLOAD_MAX_BYTES: String(50 * 1024 * 1024 + 1), AUDIT_SEALER: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'UPLOAD_MAX_BYTES', 'AUDIT_SEALER']) expect(message).toContain(name);
    expect(loadConfig({ UPLOAD_MAX_BYTES: String(50 * 1024 * 1024), AUDIT_SEALER: 'false' })).toMatchObject({
      UPLOAD_MAX_BYTES: 50 * 1024 * 1024,
      AUDIT_SEALER: false,
    });
  });
});

describe('configuration messages', () => {
  function problems(env: Record<string, string>): string[] {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
    throw new Error('the configuration was accepted');
  }

  it('gives PORT="abc" one accurate message', () => {
    expect(problems({ PORT: 'abc' })).toEqual([
      'PORT="abc" is not valid: must be a whole number from 0 to 65535',
    ]);
    expect(problems({ PORT: '70000' })).toEqual([
      'PORT=70000 is not valid: must be a whole number from 0 to 65535',
    ]);
  });

  it('names the accepted schemes of a URL with the wrong one, and masks its password', () => {
    const [database, redis] = problems({
      DATABASE_URL: 'mysql://app:hunter2@db.example.com/magistral',
      REDIS_URL: 'nope',
    });
    expect(database).toBe(
      'DATABASE_URL="mysql://app:***@db.example.com/magistral" is not valid: the scheme must be postgres:// or postgresql://, not mysql:// (e.g. postgres://user:password@host:5432/magistral)',
    );
    expect(redis).toContain('must be a URL starting with redis:// or rediss://');
    expect(problems({ SMTP_URL: 'smtp//mailer:hunter2@smtp.example.com' }).join()).not.toContain('hunter2');
    expect(problems({ REDIS_URL: 'redis://:hun@ter2@cache:6379/x' })).toEqual([
      expect.stringContaining('REDIS_URL="redis://:***@cache:6379/x" is not valid'),
    ]);
  });

  it('never prints a secret it refuses', () => {
    const [secret] = problems({ JWT_SECRET: 'short-secret' });
    expect(secret).not.toContain('short-secret');
    expect(secret).toBe(
      'JWT_SECRET (value hidden) is not valid: must be at least 32 characters long (generate one with `openssl rand -base64 48`)',
    );
  });

  it('gives one message per bad variable', () => {
    const list = problems({
      PORT: 'abc',
      AUDIT_SEALER: 'maybe',
      LOG_FORMAT: 'xml',
      REDIS_PREFIX: '' + 'x'.repeat(65),
    });
    expect(list).toHaveLength(4);
    expect(list.map((line) => line.split(/[= ]/)[0])).toEqual([
      'PORT',
      'REDIS_PREFIX',
      'AUDIT_SEALER',
      'LOG_FORMAT',
    ]);
  });
});

describe('JWT_SECRET when none is configured', () => {
  it('refuses to start in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is missing/);
  });

  it('signs with a random secret per start elsewhere, and says so once', () => {
    const first = loadConfig({ NODE_ENV: 'development' });
    const second = loadConfig({});
    expect(first.JWT_SECRET).toHaveLength(64);
    expect(first.JWT_SECRET).not.toBe(second.JWT_SECRET);
    const key = generateSigningKey().privateKey;
    expect(configWarnings(loadConfig({ NODE_ENV: 'development', RESULTS_SIGNING_KEY: key }))).toEqual([
      expect.stringMatching(/^JWT_SECRET is not set: .*restarts/),
    ]);
    expect(configWarnings(loadConfig({ JWT_SECRET: 'x'.repeat(32), RESULTS_SIGNING_KEY: key }))).toEqual([]);
  });

  it('ships no constant secret in the source', () => {
    const source = readFileSync(new URL('./app-config.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/magistral-development-secret|DEV_JWT_SECRET/);
  });
});

describe('RESULTS_SIGNING_KEY', () => {
  it('is checked at start: a key that is not Ed25519 PKCS#8 is refused, its value never shown', () => {
    expect(() => loadConfig({ RESULTS_SIGNING_KEY: 'c2VjcmV0LXRoYXQtaXMtbm90LWEta2V5' })).toThrow(
      /RESULTS_SIGNING_KEY \(value hidden\) is not valid: .*keys:generate/,
    );
    expect(() => loadConfig({ RESULTS_SIGNING_KEY: 'c2VjcmV0LXRoYXQtaXMtbm90LWEta2V5' })).not.toThrow(
      /c2VjcmV0/,
    );
  });

  it('signs with a key made for the process when unset, and says so', () => {
    expect(configWarnings(loadConfig({ NODE_ENV: 'development', JWT_SECRET: 'x'.repeat(32) }))).toEqual([
      expect.stringMatching(/^RESULTS_SIGNING_KEY is not set: .*keys:generate/),
    ]);
  });
});
