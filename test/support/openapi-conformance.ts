/**
 * Checks an answer against the schema the served OpenAPI document gives its operation and status, strictly:
 * every required property present, no property the schema does not name, nulls only where `nullable`,
 * enums, integers, arrays, nested objects, `date-time` and `uuid` formats. What the generated web client
 * types a body as is what the server sent.
 */

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  allOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
};

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The problems of `value` against `schema`, each with its JSON path; empty when it conforms. */
export function conformance(document: OpenApiDocument, schema: Schema, value: unknown, path = '$'): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) return [`${path}: unknown schema ${schema.$ref}`];
    return conformance(document, target, value, path);
  }
  if (value === null) return schema.nullable ? [] : [`${path}: null, but the schema is not nullable`];
  const problems: string[] = [];
  for (const part of schema.allOf ?? []) problems.push(...conformance(document, part, value, path));
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((part) => conformance(document, part, value, path).length === 0);
    if (matching.length !== 1) problems.push(`${path}: matches ${matching.length} of oneOf`);
  }
  if (schema.enum && !schema.enum.includes(value))
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  const actual = kind(value);
  switch (schema.type) {
    case undefined:
      break;
    case 'integer':
      if (!Number.isInteger(value)) problems.push(`${path}: ${JSON.stringify(value)} is not an integer`);
      break;
    case 'number':
      if (actual !== 'number') problems.push(`${path}: ${actual}, not a number`);
      break;
    case 'string':
      if (actual !== 'string') problems.push(`${path}: ${actual}, not a string`);
      else if (schema.format === 'date-time' && !ISO_TIME.test(value as string))
        problems.push(`${path}: ${JSON.stringify(value)} is not a date-time`);
      else if (schema.format === 'uuid' && !UUID.test(value as string))
        problems.push(`${path}: ${JSON.stringify(value)} is not a uuid`);
      break;
    case 'boolean':
      if (actual !== 'boolean') problems.push(`${path}: ${actual}, not a boolean`);
      break;
    case 'array':
      if (actual !== 'array') problems.push(`${path}: ${actual}, not an array`);
      else if (schema.items)
        (value as unknown[]).forEach((item, i) =>
          problems.push(...conformance(document, schema.items!, item, `${path}[${i}]`)),
        );
      break;
    case 'object':
      if (actual !== 'object') problems.push(`${path}: ${actual}, not an object`);
      break;
    default:
      problems.push(`${path}: schema type ${schema.type} is not checked here`);
  }
  if (actual === 'object' && (schema.properties || schema.additionalProperties !== undefined)) {
    const object = value as Record<string, unknown>;
    const properties = schema.properties ?? {};
    for (const name of schema.required ?? [])
      if (!(name in object)) problems.push(`${path}.${name}: required, but missing`);
    for (const [name, item] of Object.entries(object)) {
      const declared = properties[name];
      if (declared) problems.push(...conformance(document, declared, item, `${path}.${name}`));
      else if (typeof schema.additionalProperties === 'object')
        problems.push(...conformance(document, schema.additionalProperties, item, `${path}.${name}`));
      else if (schema.additionalProperties !== true && !schema.allOf)
        problems.push(`${path}.${name}: sent, but not in the schema`);
    }
  }
  return problems;
}

/** The JSON schema the document gives `method path` answering `status`, or undefined. */
export function responseSchema(
  document: OpenApiDocument,
  method: string,
  path: string,
  status: number,
): Schema | undefined {
  return document.paths[path]?.[method.toLowerCase()]?.responses[String(status)]?.content?.[
    'application/json'
  ]?.schema;
}
