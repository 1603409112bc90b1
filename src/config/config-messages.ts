import { getMetadataStorage, type ValidationError } from 'class-validator';

/** Variables whose value is never printed, whatever is wrong with it. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|_KEY$/;

/** Example values for the URL variables, shown when a value is not a URL of an accepted scheme. */
const URL_EXAMPLES: Record<string, string> = {
  DATABASE_URL: 'postgres://user:password@host:5432/magistral',
  REDIS_URL: 'redis://host:6379',
  SMTP_URL: 'smtp://user:password@smtp.example.com:587',
  PUBLIC_URL: 'https://awards.example.com',
};

/**
 * Hides the password of a URL-like value (`postgres://user:***@host/db`), also when the value is not a valid
 * URL: a typo in a scheme must not print the password next to it.
 */
export function maskUrl(value: string): string {
  // scheme://user:password@host: the password goes, up to the last @ (it may hold an unescaped one); a user
  // without a password (`postgres://app@host`) stays.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
    return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:)\S*@/i, '$1***@');
  // Not shaped like a URL (`smtp//user:password@host`): everything between a colon and the @ goes.
  return value.replace(/([^:@/\s]+):\S*@/, '$1:***@');
}

/** A value as it may appear in a message: secrets never, passwords in URLs masked. */
export function shownValue(name: string, value: unknown): string {
  if (SECRET_NAME.test(name)) return ' (value hidden)';
  return `=${JSON.stringify(typeof value === 'string' ? maskUrl(value) : value)}`;
}

interface Constraint {
  name: string;
  constraints: unknown[];
}

function constraintsOf(target: object, property: string): Constraint[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(target as new () => unknown, '', true, false)
    .filter((m) => m.propertyName === property)
    .map((m) => ({ name: m.name ?? m.type, constraints: (m.constraints ?? []) as unknown[] }));
}

function range(all: Constraint[], min: string, max: string, unit = ''): string {
  const low = all.find((c) => c.name === min)?.constraints[0] as number | undefined;
  const high = all.find((c) => c.name === max)?.constraints[0] as number | undefined;
  if (low !== undefined && high !== undefined) return ` from ${String(low)} to ${String(high)}${unit}`;
  if (low !== undefined) return ` of at least ${String(low)}${unit}`;
  if (high !== undefined) return ` of at most ${String(high)}${unit}`;
  return '';
}

function lengthRange(all: Constraint[]): string {
  const low = all.find((c) => c.name === 'minLength')?.constraints[0] as number | undefined;
  const high = all.find((c) => c.name === 'maxLength')?.constraints[0] as number | undefined;
  if (low !== undefined && high !== undefined) return `${low} to ${high}`;
  return low !== undefined ? `at least ${low}` : `at most ${high ?? 0}`;
}

/** The accepted schemes of a URL variable, read from its `@IsUrl({ protocols })`. */
function schemes(all: Constraint[]): string[] {
  const options = all.find((c) => c.name === 'isUrl')?.constraints[0] as { protocols?: string[] } | undefined;
  return options?.protocols ?? ['http', 'https'];
}

function urlProblem(property: string, value: unknown, all: Constraint[]): string {
  const accepted = schemes(all);
  const list = accepted.map((s) => `${s}://`).join(' or ');
  const example = URL_EXAMPLES[property];
  const scheme = typeof value === 'string' ? /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1] : undefined;
  if (scheme && !accepted.includes(scheme.toLowerCase()))
    return `the scheme must be ${list}, not ${scheme}://${example ? ` (e.g. ${example})` : ''}`;
  return `must be a URL starting with ${list}${example ? `, e.g. ${example}` : ''}`;
}

/**
 * One sentence per bad variable. class-validator reports every failed constraint (`PORT="abc"` fails
 * isInt, min and max, the last two with nonsense); the message here names the first thing that is wrong,
 * with the accepted range or values.
 */
function problemOf(target: object, error: ValidationError): string {
  const failed = Object.keys(error.constraints ?? {});
  const all = constraintsOf(target, error.property);
  const has = (name: string): boolean => all.some((c) => c.name === name);
  let message: string;
  if (failed.includes('isInt') || (has('isInt') && (failed.includes('min') || failed.includes('max'))))
    message = `must be a whole number${range(all, 'min', 'max')}`;
  else if (failed.includes('isBoolean')) message = 'must be true or false (or 1/0, yes/no, on/off)';
  else if (failed.includes('isIn')) {
    const values = all.find((c) => c.name === 'isIn')?.constraints[0] as unknown[] | undefined;
    message = `must be one of ${(values ?? []).map(String).join(', ')}`;
  } else if (failed.includes('isUrl')) message = urlProblem(error.property, error.value, all);
  else if (failed.includes('minLength') || failed.includes('maxLength'))
    message = `must be ${lengthRange(all)} characters long`;
  else message = Object.values(error.constraints ?? {})[0]?.replace(error.property, 'it') ?? 'is not valid';
  if (error.property === 'JWT_SECRET' && failed.includes('minLength'))
    message += ' (generate one with `openssl rand -base64 48`)';
  return `${error.property}${shownValue(error.property, error.value)} is not valid: ${message}`;
}

export function describeProblems(target: object, errors: ValidationError[]): string[] {
  return errors.map((error) => problemOf(target, error));
}
