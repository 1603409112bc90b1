import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { login } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);

describe('npm run cli -- organiser:create', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const cli = (...args: string[]) =>
    run('node', ['dist/src/cli.js', ...args], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: t.config.DATABASE_URL,
        DATABASE_CREATE: 'false',
        REDIS_URL: t.config.REDIS_URL,
        REDIS_PREFIX: t.config.REDIS_PREFIX,
        LOG_LEVEL: 'error',
      },
    });

  it('creates the first organiser, who can then sign in', async () => {
    const { stdout } = await cli(
      'organiser:create',
      '--email',
      'Chair@Magistral.Test',
      '--password',
      'Trans-Caspian-Corridor-1',
      '--name',
      'Chair',
    );
    expect(stdout).toMatch(/Organiser chair@magistral\.test ready/);
    const { token } = await login(t, 'chair@magistral.test', 'Trans-Caspian-Corridor-1');
    const me = await t
      .http()
      .get('/api/v1/auth/me')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    expect(me.body.roles).toEqual(['organiser']);
  });

  it('refuses a missing password, a short one and a common one, creating nothing', async () => {
    await expect(cli('organiser:create', '--email', 'x@magistral.test')).rejects.toMatchObject({ code: 2 });
    await expect(
      cli('organiser:create', '--email', 'x@magistral.test', '--password', 'short'),
    ).rejects.toMatchObject({ code: 2 });
    await expect(
      cli('organiser:create', '--email', 'x@magistral.test', '--password', '1q2w3e4r5t6y'),
    ).rejects.toMatchObject({ code: 1 });
    const [{ n }] = (await t.db.query(
      `SELECT count(*)::int AS n FROM users WHERE email = 'x@magistral.test'`,
    )) as { n: number }[];
    expect(n).toBe(0);
  });
});
