import { describe, expect, it } from '@jest/globals';
import { DataSource, QueryFailedError } from 'typeorm';
import { createLogger, logFormat, PinoNestLogger } from './logger.js';

function capture(level: 'info' | 'debug' = 'info'): {
  logger: ReturnType<typeof createLogger>;
  text: () => string;
} {
  const written: string[] = [];
  const logger = createLogger({ LOG_LEVEL: level }, { write: (line: string) => void written.push(line) });
  return { logger, text: () => written.join('') };
}

describe('log format', () => {
  it('is pretty in development on a terminal, JSON otherwise, as LOG_FORMAT says when set', () => {
    expect(logFormat({ LOG_LEVEL: 'info', NODE_ENV: 'development' }, true)).toBe('pretty');
    expect(logFormat({ LOG_LEVEL: 'info', NODE_ENV: 'development' }, false)).toBe('json');
    expect(logFormat({ LOG_LEVEL: 'info', NODE_ENV: 'production' }, true)).toBe('json');
    expect(logFormat({ LOG_LEVEL: 'info', NODE_ENV: 'production', LOG_FORMAT: 'pretty' }, false)).toBe(
      'pretty',
    );
    expect(logFormat({ LOG_LEVEL: 'info', NODE_ENV: 'development', LOG_FORMAT: 'json' }, true)).toBe('json');
  });

  it("logs Nest's route and module lines at debug", () => {
    const { logger, text } = capture('info');
    const nest = new PinoNestLogger(logger);
    nest.log('Mapped {/api/v1/health/live, GET} route', 'RouterExplorer');
    nest.log('HealthController {/api/v1/health}:', 'RoutesResolver');
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    expect(text()).toBe('');
    nest.log('Nest application successfully started', 'NestApplication');
    expect(text()).toContain('successfully started');
  });
});

describe('redaction', () => {
  it('keeps secrets in requests out of the log', () => {
    const { logger, text } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer eyJ.secret', cookie: 'session=s3cret' } },
        body: { password: 'hunter2' },
      },
      'request',
    );
    expect(text()).not.toMatch(/eyJ\.secret|s3cret|hunter2/);
  });

  it("logs a failed query's SQL and code, never its parameters or the row PostgreSQL quotes", async () => {
    const dataSource = new DataSource({
      type: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    await dataSource.initialize();
    const errors: unknown[] = [];
    const runner = dataSource.createQueryRunner();
    try {
      await dataSource
        .query('SELECT $1::int AS n', ['alice@example.com'])
        .catch((e: unknown) => errors.push(e));
      // PostgreSQL quotes the failing row in `detail`.
      await runner.query("CREATE TEMP TABLE t (email text CHECK (email LIKE '%.org'))");
      await runner
        .query('INSERT INTO t VALUES ($1)', ['bob@example.com'])
        .catch((e: unknown) => errors.push(e));
    } finally {
      await runner.release();
      await dataSource.destroy();
    }
    expect(errors[0]).toBeInstanceOf(QueryFailedError);
    expect(String((errors[0] as Error).message)).toContain('alice@example.com'); // what PostgreSQL says
    const { logger, text } = capture();
    const nest = new PinoNestLogger(logger);
    for (const error of errors) {
      logger.error({ err: error, requestId: 'r1' }, 'Unhandled error');
      nest.error(error);
    }
    expect(text()).toContain('SELECT $1::int AS n');
    expect(text()).toContain('22P02');
    expect(text()).not.toMatch(/alice@example\.com|bob@example\.com/);
    expect(JSON.stringify(errors[1])).toContain('bob@example.com');
  });
});
