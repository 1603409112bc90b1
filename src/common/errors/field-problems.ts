import type { ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';

/**
 * One rule a field broke, for clients to say in the user's language: `code` is class-validator's
 * constraint name (`maxLength`, `isEmail`, `isIn`…), except that `@Length` is said as `minLength` or
 * `maxLength` by which end the value missed, and an empty or blank text as `isNotEmpty`. `params` carry the
 * field's own limit (`{ max: 200 }`), never the value sent.
 */
export interface FieldRule {
  code: string;
  params?: Record<string, number | string[]>;
}

/** The refusals of one field: `messages` (English, for API clients) and `codes`, one per message, in order. */
export interface FieldProblem {
  field: string;
  messages: string[];
  codes?: FieldRule[];
}

/** A pattern that only says "not blank" (`IsText`): a blank text is an empty one to the user. */
const NOT_BLANK_SOURCES = new Set(['\\S', '[^\\s]']);

/** The declared constraints of the property, by constraint name: what `@MaxLength(200)` was given. */
function declaredConstraints(error: ValidationError): Map<string, unknown[]> {
  const target = error.target;
  const declared = new Map<string, unknown[]>();
  if (!target || typeof target !== 'object') return declared;
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(
    target.constructor,
    '',
    true,
    false,
  )) {
    if (metadata.propertyName !== error.property) continue;
    const name = metadata.name ?? metadata.type;
    if (name && Array.isArray(metadata.constraints)) declared.set(name, metadata.constraints);
  }
  return declared;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The rule of one broken constraint, with the limits the user needs to read it. */
export function fieldRule(name: string, constraints: unknown[] | undefined, value: unknown): FieldRule {
  const [first, second] = constraints ?? [];
  switch (name) {
    case 'isLength': {
      const length = typeof value === 'string' ? value.length : undefined;
      if (isNumber(second) && length !== undefined && length > second)
        return { code: 'maxLength', params: { max: second } };
      if (isNumber(first) && first <= 1) return { code: 'isNotEmpty' };
      return isNumber(first) ? { code: 'minLength', params: { min: first } } : { code: name };
    }
    case 'minLength':
      return isNumber(first) && first <= 1 ? { code: 'isNotEmpty' } : limit(name, 'min', first);
    case 'maxLength':
    case 'arrayMaxSize':
    case 'max':
      return limit(name, 'max', first);
    case 'min':
    case 'arrayMinSize':
      return limit(name, 'min', first);
    case 'isIn':
      return Array.isArray(first) ? { code: name, params: { values: first.map(String) } } : { code: name };
    case 'isEnum':
      return Array.isArray(second)
        ? { code: 'isIn', params: { values: second.map(String) } }
        : { code: 'isIn' };
    case 'matches':
      return first instanceof RegExp && NOT_BLANK_SOURCES.has(first.source)
        ? { code: 'isNotEmpty' }
        : { code: name };
    default:
      return { code: name };
  }
}

function limit(code: string, param: 'min' | 'max', bound: unknown): FieldRule {
  return isNumber(bound) ? { code, params: { [param]: bound } } : { code };
}

/** class-validator's errors, nested ones flattened to dotted fields, each message with its rule. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const broken = Object.entries(error.constraints ?? {});
    const declared = broken.length ? declaredConstraints(error) : new Map<string, unknown[]>();
    const own = broken.length
      ? [
          {
            field,
            messages: broken.map(([, message]) => message),
            codes: broken.map(([name]) => fieldRule(name, declared.get(name), error.value)),
          },
        ]
      : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}
