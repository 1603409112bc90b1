import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.setup.js';
import { createLogger } from '../src/common/logging/logger.js';
import { createTestDatabase, type TestDatabase, testConfig } from './support/test-app.js';

/** What the server logs when a request fails inside PostgreSQL (issue 11, finding 13). */
describe('logs of a failed query', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const written: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig(database.url, { LOG_LEVEL: 'info' });
    app = await createApp(config, {
      logger: createLogger(config, { write: (line: string) => void written.push(line) }),
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    // Any new account now fails in PostgreSQL, after the request was validated: a 500 from a failed INSERT
    // whose parameters are the address, the password hash and the name.
    await app
      .get(DataSource)
      .query(`ALTER TABLE users ADD CONSTRAINT leak_probe CHECK (email NOT LIKE '%leak-probe%') NOT VALID`);
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 500 and logs the failure without the addresses, hashes or names the query carried', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/v1/auth/register')
      .set('Authorization', 'Bearer not-a-real-token-but-secret-looking')
      .send({
        email: 'leak-probe@example.com',
        password: 'correct horse battery staple 42',
        fullName: 'Leaky Probe',
      });
    expect(response.status).toBe(500);
    const log = written.join('');
    const failure = written.find((line) => line.includes('Unhandled error'));
    expect(failure).toBeDefined();
    expect(failure).toContain('23514');
    expect(failure).toContain('leak_probe'); // the constraint: what a developer needs
    expect(log).not.toMatch(/leak-probe@|Leaky Probe|argon2|\$scrypt|correct horse|not-a-real-token/);
  });
});
