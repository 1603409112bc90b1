import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import PinoPretty from 'pino-pretty';
import type { AppConfig } from '../../config/app-config.js';

type LoggerConfig = Pick<AppConfig, 'LOG_LEVEL'> & Partial<Pick<AppConfig, 'LOG_FORMAT' | 'NODE_ENV'>>;

/** Keys whose values never reach a log line, wherever pino finds them (one level deep, as pino's redact does). */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'refreshToken',
  'accessToken',
  'secret',
  'ticket',
];
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-queue-dashboard-ticket"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
];

/**
 * Fields of a failed query that carry the data it was given: the bound parameters (e-mail addresses, token
 * hashes), and PostgreSQL's `detail`/`where`, which quote the offending row (`Key (email)=(…) already
 * exists`). The SQL text, the error code and the constraint stay: they are what a developer needs.
 */
const DATA_FIELDS = new Set(['parameters', 'driverError', 'detail', 'where', 'internalQuery', 'hint']);

/** A database error (TypeORM's QueryFailedError, or pg's own) rather than one of ours. */
function isDatabaseError(error: Record<string, unknown>): boolean {
  return 'query' in error || 'driverError' in error || ('severity' in error && 'code' in error);
}

/** PostgreSQL quotes a rejected input in its message (`invalid input syntax for type uuid: "…"`). */
function scrubQuotedInput(text: unknown): unknown {
  return typeof text === 'string' ? text.replace(/: "(?:[^"\\]|\\.)*"/g, ': "[redacted]"') : text;
}

function scrub(value: unknown, depth: number): unknown {
  if (!value || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const source = value as Record<string, unknown>;
  const database = isDatabaseError(source);
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(source)) {
    if (database && DATA_FIELDS.has(key)) continue;
    out[key] =
      database && (key === 'message' || key === 'stack') ? scrubQuotedInput(field) : scrub(field, depth + 1);
  }
  return out;
}

/**
 * pino's error serializer, minus the data a failed query carries: a 500's log line must not hold the
 * e-mail addresses and token hashes the query was given.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  // The serializer copies the error's own properties; judge the original, which may be the database error.
  const database = isDatabaseError(error as unknown as Record<string, unknown>);
  const out = scrub(serialized, 0) as Record<string, unknown>;
  if (database) {
    for (const key of DATA_FIELDS) delete out[key];
    out.message = scrubQuotedInput(out.message);
    out.stack = scrubQuotedInput(out.stack);
  }
  return out;
}

/** Pretty when asked, or by default in development on a terminal; JSON lines everywhere else. */
export function logFormat(
  config: LoggerConfig,
  stdoutIsTty = Boolean(process.stdout.isTTY),
): 'json' | 'pretty' {
  if (config.LOG_FORMAT) return config.LOG_FORMAT;
  return (config.NODE_ENV ?? 'development') === 'development' && stdoutIsTty ? 'pretty' : 'json';
}

/**
 * One logger per process, shared by Fastify (with request ids) and Nest. `destination` lets tests read
 * what would have been written.
 */
export function createLogger(config: LoggerConfig, destination?: DestinationStream): Logger {
  const options = {
    level: config.LOG_LEVEL,
    base: { service: 'magistral' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
  };
  if (destination) return pino(options, destination);
  if (logFormat(config) === 'json') return pino(options);
  // Synchronous and in this thread (not a transport worker): the last lines before an exit are not lost.
  const pretty = PinoPretty({
    sync: true,
    colorize: Boolean(process.stdout.isTTY),
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,context,method,path,statusCode,ms',
    messageFormat: '{if context}[{context}] {end}{msg}',
    singleLine: true,
  });
  return pino(options, pretty);
}

/** Nest's start-up chatter (a line per module and per route): useful when debugging, noise otherwise. */
const DEBUG_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Nest's logger on top of pino, so framework messages are JSON lines like everything else. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace',
    message: unknown,
    rest: unknown[],
  ): void {
    // Nest calls error(message, stack?, context?): a last string that is a stack trace is not a context.
    const last = rest.at(-1);
    const context = typeof last === 'string' && !last.includes('\n') ? last : undefined;
    if (level === 'info' && context && DEBUG_CONTEXTS.has(context)) level = 'debug';
    if (message && typeof message === 'object' && !(message instanceof Error)) {
      const [msg] = rest.filter((r) => typeof r === 'string' && r !== context) as string[];
      this.logger[level]({ context, ...message }, msg);
    } else if (message instanceof Error) {
      const safe = serializeError(message) as { message?: string };
      this.logger[level]({ context, err: message }, safe.message ?? message.name);
    } else {
      this.logger[level]({ context }, String(message));
    }
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
}
