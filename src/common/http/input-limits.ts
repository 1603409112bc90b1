import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommonErrors, DomainError } from '../errors/domain-error.js';
import type { FieldProblem } from './validation.pipe.js';

/**
 * Limits every request meets before any route sees it, decided once for the whole API (issue 11, finding 7):
 *
 * - JSON nests at most MAX_JSON_DEPTH levels (no request of the API needs more than 4); deeper bodies are
 *   refused from the raw text, before parsing, so no recursive code (parser, class-transformer, the
 *   validator, jsonb) ever meets them.
 * - No string anywhere (body, query, path parameters, object keys) contains NUL (PostgreSQL text refuses
 *   it) or a lone UTF-16 surrogate (not Unicode: `encodeURIComponent`, jsonb and the mail encoder fail on it).
 * - Query and path parameters, and body fields that are one line by nature (names, titles, e-mail
 *   addresses, codes, slugs, websites: SINGLE_LINE_FIELDS), contain no control characters at all, CR and
 *   LF included (they end up in mail headers, subjects, CSV and log lines).
 *
 * Multi-line texts (summaries, answers, comments, reasons) keep their line breaks and tabs; which of the
 * other control characters they may hold is each DTO's business.
 */
export const MAX_JSON_DEPTH = 32;

/** Body fields that hold a single line, wherever they appear: `name`, `fullName`, `companyName`, `title`... */
const SINGLE_LINE_FIELDS =
  /^(?:[a-z]*Name|name|title|email|slug|code|registrationNumber|website|country|locale|unit|role|phase|token|refreshToken|ticket)$/;

const CONTROL = /\p{Cc}/u;
// In a `u` regex a well-formed pair is one code point, so only an unpaired surrogate is of category Cs.
const LONE_SURROGATE = /\p{Cs}/u;

const MESSAGES = {
  nul: 'must not contain NUL characters',
  surrogate: 'must be well-formed Unicode (no lone surrogates)',
  control: 'must be one line without control characters',
} as const;

/** Whether the JSON text nests arrays and objects deeper than `max`, without parsing it. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}

function problemOf(value: string, singleLine: boolean): keyof typeof MESSAGES | undefined {
  if (value.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  if (singleLine && CONTROL.test(value)) return 'control';
  return undefined;
}

/**
 * Every string of a parsed value that breaks the rules above, as validation problems naming the field
 * (`answers.q1`, `keyMetrics.0.name`). The value's depth is already bounded by the parser.
 */
export function hostileStrings(value: unknown, everyStringSingleLine: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (node: unknown, path: string, key: string): void => {
    if (typeof node === 'string') {
      const problem = problemOf(node, everyStringSingleLine || SINGLE_LINE_FIELDS.test(key));
      if (problem) problems.push({ field: path || key, messages: [`${path || key} ${MESSAGES[problem]}`] });
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, path ? `${path}.${index}` : String(index), key));
    } else if (node !== null && typeof node === 'object') {
      for (const [name, item] of Object.entries(node)) {
        const field = path ? `${path}.${name}` : name;
        const problem = problemOf(name, true);
        if (problem) problems.push({ field, messages: [`property names ${MESSAGES[problem]}`] });
        visit(item, field, name);
      }
    }
  };
  visit(value, '', '');
  return problems;
}

function refuse(problems: FieldProblem[]): DomainError {
  return new DomainError(
    CommonErrors.validation,
    problems.map((p) => `${p.field}: ${p.messages.join('; ')}`).join(' | '),
    { errors: problems },
  );
}

/** Checks query, path parameters and body of every route, before validation, guards and handlers run. */
function checkRequest(request: FastifyRequest): void {
  const problems = [
    ...hostileStrings(request.params, true),
    ...hostileStrings(request.query, true),
    ...hostileStrings(request.body, false),
  ];
  if (problems.length) throw refuse(problems);
}

/**
 * Installs the limits on a Fastify instance: Fastify's own JSON parser behind a depth check on the raw
 * text, and a `preValidation` hook (after parsing, before Nest's guards, pipes and handlers) for the strings.
 */
export function installInputLimits(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  // The server's bodyLimit still applies: the text is read (and refused when too large) before this runs.
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    const body = raw as string; // parseAs: 'string'
    if (nestsDeeperThan(body, MAX_JSON_DEPTH))
      return done(
        new DomainError(
          CommonErrors.tooDeep,
          `JSON may nest arrays and objects at most ${MAX_JSON_DEPTH} levels deep.`,
          { maxDepth: MAX_JSON_DEPTH },
        ),
      );
    // Fastify's own parser (prototype-poisoning checks included); its declared return is never a promise here.
    void parseJson(request, body, done);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      checkRequest(request);
      done();
    } catch (error) {
      done(error as DomainError);
    }
  });
}
