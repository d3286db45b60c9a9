/** The fields each customer type refuses, read from the `if type … then` branches of openapi.yaml's create schema. */
import { loadSpec } from './load-spec.js';
import { deref, type JsonSchema, type OpenApiDocument } from './openapi-document.js';

type SchemaObject = { readonly [keyword: string]: unknown };

/** Fields a customer type refuses (when sent with a value), per type. */
export type ProhibitedByType = ReadonlyMap<string, readonly string[]>;

function asObject(schema: unknown): SchemaObject | undefined {
  return typeof schema === 'object' && schema !== null && !Array.isArray(schema)
    ? (schema as SchemaObject)
    : undefined;
}

function isEmptyValue(value: unknown): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The spec's `Prohibited` marker as Ajv reports it: an `enum` of empty values only (null, '', []). */
export function isProhibitedEnum(allowed: unknown): boolean {
  return Array.isArray(allowed) && allowed.length > 0 && allowed.every(isEmptyValue);
}

/** A schema that lets only an empty value through: an enum of empty values, or a list of at most none. */
function refusesValues(spec: OpenApiDocument, schema: unknown): boolean {
  const node = asObject(schema);
  if (!node) return false;
  const resolved = deref(spec, node as SchemaObject & { $ref: string });
  if (resolved.maxItems === 0) return true;
  return isProhibitedEnum(resolved.enum);
}

function schemaNamed(spec: OpenApiDocument, name: string): SchemaObject {
  const schema = asObject((spec.components?.schemas as Record<string, JsonSchema> | undefined)?.[name]);
  if (!schema) throw new Error(`openapi.yaml has no schema ${name}`);
  return schema;
}

/** Reads each `allOf` branch `if: {properties: {type: {const: T}}} then: {properties}` of `CreateCustomerRequest`. */
function readProhibited(spec: OpenApiDocument): ProhibitedByType {
  const create = schemaNamed(spec, 'CreateCustomerRequest');
  const table = new Map<string, string[]>();
  for (const branch of Array.isArray(create.allOf) ? create.allOf : []) {
    const type = asObject(asObject(asObject(asObject(branch)?.if)?.properties)?.type)?.const;
    const properties = asObject(asObject(asObject(branch)?.then)?.properties) ?? {};
    if (typeof type !== 'string') continue;
    const refused = Object.entries(properties).filter(([, schema]) => refusesValues(spec, schema));
    table.set(type, [...(table.get(type) ?? []), ...refused.map(([field]) => field)]);
  }
  return table;
}

const cache = new WeakMap<OpenApiDocument, ProhibitedByType>();

/** The fields openapi.yaml refuses per customer type on create (default: the project's spec), read once. */
export function prohibitedFieldsByType(spec: OpenApiDocument = loadSpec()): ProhibitedByType {
  let table = cache.get(spec);
  if (!table) {
    table = readProhibited(spec);
    cache.set(spec, table);
  }
  return table;
}
