import type { OpenAPIObject } from '@nestjs/swagger';

type SchemaObject = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];

/** A broken rule of one field (src/common/errors/field-problems.ts), as the OpenAPI document states it. */
const FIELD_RULE: SchemaObject = {
  type: 'object',
  description:
    "One rule the field broke, for clients to say in the user's language. `code` is the validator's constraint " +
    'name: isNotEmpty, minLength {min}, maxLength {max}, min {min}, max {max}, arrayMinSize {min}, ' +
    'arrayMaxSize {max}, arrayUnique, isIn {values}, matches, isEmail, isUrl, isUuid, isString, isInt, ' +
    'isNumber, isBoolean, isArray, isObject, isDate, isIso8601, isISO31661Alpha2, isTimeZone, ' +
    'whitelistValidation (a field the route does not take), and others; clients fall back to a generic ' +
    'message for a code they do not know. `params` hold the limits the message needs, never the value sent.',
  required: ['code'],
  properties: {
    code: { type: 'string', example: 'maxLength' },
    params: {
      type: 'object',
      additionalProperties: {
        oneOf: [{ type: 'number' }, { type: 'array', items: { type: 'string' } }],
      },
      example: { max: 200 },
    },
  },
};

/** RFC 9457 problem details, the body of every failure. */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details; `code` is stable and machine-readable',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', example: 'about:blank' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', example: 'request.validation_failed' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      description: 'The fields a request.validation_failed (or a domain rule) refused',
      items: {
        type: 'object',
        required: ['field', 'messages'],
        properties: {
          field: { type: 'string', description: 'Dotted path of the field', example: 'name' },
          messages: {
            type: 'array',
            items: { type: 'string' },
            description: 'English, for API clients and logs',
            example: ['name must be shorter than or equal to 200 characters'],
          },
          codes: {
            type: 'array',
            items: FIELD_RULE,
            description:
              'One per message, in the same order; absent where a domain rule names the field without one',
          },
        },
      },
    },
  },
};
