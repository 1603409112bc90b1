import { randomBytes } from 'node:crypto';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { signingKeyFrom } from './signing-keys.js';
import { describeProblems } from './config-messages.js';

const toBool = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? ['true', '1', 'yes', 'on'].includes(value.toLowerCase())
      ? true
      : ['false', '0', 'no', 'off'].includes(value.toLowerCase())
        ? false
        : value
    : value;
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * Every environment variable the platform reads, with its default. `loadConfig` validates them all at
 * once so that a bad deployment is told everything that is wrong in one go, not one variable per restart.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Base URL of the public site, used in links sent by mail. */
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL = 'http://localhost:3000';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/magistral';

  /** Connections per process; batches of scorecard writes take at most half of them at a time. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Create the database on start when it is missing and the role may. */
  @Transform(toBool)
  @IsBoolean()
  DATABASE_CREATE = true;

  /** Apply pending migrations on start (under an advisory lock, so several instances may start at once). */
  @Transform(toBool)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key and BullMQ queue: lets several deployments share one Redis. */
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  REDIS_PREFIX = 'magistral';

  /** Run the queue workers inside the API process; set to false when workers run with `npm run start:worker`. */
  @Transform(toBool)
  @IsBoolean()
  WORKERS_IN_API = true;

  /** Move committed outbox rows to BullMQ from this process (safe in any number of processes). */
  @Transform(toBool)
  @IsBoolean()
  OUTBOX_RELAY = true;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  OUTBOX_POLL_MS = 1000;

  /**
   * How long a queue worker holds a job without renewing its lock before the job is given to another worker
   * (a crashed worker's jobs run again after this); a mail's delivery claim lapses after as long.
   */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600_000)
  QUEUE_LOCK_MS = 30_000;

  /**
   * Chain new audit entries from this process every AUDIT_SEAL_MS (one process at a time does; the others
   * skip their turn). Entries are also chained on demand before verification and publication, wherever
   * those run. Off on API instances when `npm run start:worker` processes do it.
   */
  @Transform(toBool)
  @IsBoolean()
  AUDIT_SEALER = true;

  /** How often unsealed audit entries are chained (they are also chained on demand before verification). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  AUDIT_SEAL_MS = 500;

  /** HMAC secret of access tokens; at least 32 characters. Required in production. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string = undefined;

  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'magistral';

  /**
   * The Ed25519 key that signs published results manifests: PKCS#8, as one base64 line (`npm run cli --
   * keys:generate` makes one) or PEM. Without it each process signs with a key of its own, made at start.
   */
  @IsOptional()
  @IsString()
  RESULTS_SIGNING_KEY?: string = undefined;

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'magistral-api';

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** A refresh token unused for this long expires. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 3600;

  /** A login session ends this long after the login, however often it is refreshed. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  REFRESH_SESSION_MAX_SECONDS = 30 * 24 * 3600;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  EMAIL_VERIFICATION_TTL_SECONDS = 48 * 3600;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  PASSWORD_RESET_TTL_SECONDS = 3600;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  INVITATION_TTL_SECONDS = 14 * 24 * 3600;

  /** Attempts per client IP on login, password reset and e-mail verification, per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_IP_POINTS = 30;

  /** Attempts per account on the same routes, per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ACCOUNT_POINTS = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_SECONDS = 300;

  /** Company-member invitations (each mails an address) per company, and per inviting user, per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  COMPANY_INVITATIONS_PER_WINDOW = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  COMPANY_INVITATIONS_WINDOW_SECONDS = 3600;

  /** Registrations per client IP per RATE_LIMIT_REGISTER_WINDOW_SECONDS (each one mails an address). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTER_POINTS = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTER_WINDOW_SECONDS = 3600;

  /**
   * Consecutive failed logins after which an account locks (NIST: at most 100). A locked account answers
   * every password as a wrong one; its owner is mailed an unlock link, and a password reset unlocks too.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOCKOUT_THRESHOLD = 100;

  /**
   * Proxies whose `X-Forwarded-For` is believed (comma-separated IPs or CIDRs, as Fastify's `trustProxy`).
   * Empty: the socket's address is the client's.
   */
  @IsString()
  TRUSTED_PROXIES = '';

  /** Allowed CORS origins, comma-separated; empty disables CORS. */
  @IsString()
  CORS_ORIGINS = '';

  /** Serve Swagger UI and the OpenAPI document; defaults to on except in production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DOCS_ENABLED?: boolean = undefined;

  /** The built web app the server serves; empty: `dist/web` beside the compiled server. */
  @IsString()
  WEB_DIST_DIR = '';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /**
   * `pretty`: one readable line per message; `json`: one JSON object per line. Unset: pretty in development
   * when standard output is a terminal, JSON otherwise (production, pipes, files, log collectors).
   */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty' = undefined;

  /**
   * On SIGTERM or SIGINT the process finishes what it can (requests, running jobs) and closes its
   * connections; past this it exits anyway, with status 1, whatever PostgreSQL or Redis are doing.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** SMTP server for outgoing mail (`smtp://user:pass@host:587`); empty: mail is written as .eml files to MAIL_DIR. */
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string = undefined;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Magistral Awards <no-reply@magistral.local>';

  @IsString()
  @MinLength(1)
  MAIL_DIR = 'var/mail';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  MAIL_ATTEMPTS = 5;

  /** First retry delay of a failed mail; doubles with each attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  MAIL_BACKOFF_MS = 5000;

  /** Largest attachment accepted. An upload is held in memory while it is checked, then stored in PostgreSQL. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  UPLOAD_MAX_FILES = 10;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get docsEnabled(): boolean {
    return this.DOCS_ENABLED ?? !this.isProduction;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const warnings = new WeakMap<AppConfig, string[]>();

/** What `loadConfig` decided on its own and the process should say once at start (e.g. a generated secret). */
export function configWarnings(config: AppConfig): readonly string[] {
  return warnings.get(config) ?? [];
}

/** Reads the environment, reporting every bad or missing variable at once. */
export function loadConfig(
  env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env,
): AppConfig {
  const known = new Set(Object.keys(new AppConfig()));
  const raw = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => known.has(key) && value !== undefined && value !== ''),
  );
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const problems = describeProblems(
    AppConfig,
    validateSync(config, { skipMissingProperties: false, forbidUnknownValues: false }),
  );
  if (config.isProduction && !config.JWT_SECRET)
    problems.push(
      'JWT_SECRET is missing: production needs a secret of at least 32 characters (generate one with `openssl rand -base64 48`)',
    );
  if (config.RESULTS_SIGNING_KEY !== undefined) {
    try {
      signingKeyFrom(config.RESULTS_SIGNING_KEY);
    } catch {
      problems.push(
        'RESULTS_SIGNING_KEY (value hidden) is not valid: must be an Ed25519 private key in PKCS#8, as one base64 line or PEM (generate one with `npm run cli -- keys:generate`)',
      );
    }
  }
  if (problems.length) throw new ConfigError(problems);
  if (!config.RESULTS_SIGNING_KEY && config.NODE_ENV !== 'test')
    warnings.set(config, [
      'RESULTS_SIGNING_KEY is not set: published results are signed with a key made for this process (its public key is published with the others, so they still verify); set one made with `npm run cli -- keys:generate` to sign with a key you keep.',
    ]);
  if (!config.JWT_SECRET) {
    // Never a constant from the source (anyone could sign organiser tokens with it): a secret of this
    // process only, so nothing signed survives a restart or verifies in another process.
    config.JWT_SECRET = randomBytes(48).toString('base64url');
    if (config.NODE_ENV !== 'test')
      warnings.set(config, [
        ...(warnings.get(config) ?? []),
        'JWT_SECRET is not set: signing with a random secret made for this run; sign-ins end when the process restarts and links signed by another process (a separate worker) will not verify. Set JWT_SECRET (32+ characters) to keep them.',
      ]);
  }
  return config;
}
