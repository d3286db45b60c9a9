/** One Ajv 2020 instance holding the spec's components, compiling each schema once, on first use. */
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { issuesFromAjv } from './ajv-issues.js';
import type { JsonSchema, OpenApiDocument } from './openapi-document.js';
import type { ValidationIssue } from './validation-issues.js';

/** Base URI under which the spec's `components` are registered, so `#/components/...` references resolve. */
export const SPEC_SCHEMA_ID = 'https://blaaiz-mock.invalid/openapi.yaml';

/** Validates data against schemas taken from the spec. */
export interface SchemaRunner {
  /** Returns every issue of `data` against `schema` (empty when valid). */
  readonly check: (schema: JsonSchema, data: unknown) => ValidationIssue[];
  /** Ajv's own errors of `data` against `schema` (empty when valid), for callers that word them themselves. */
  readonly errors: (schema: JsonSchema, data: unknown) => readonly ErrorObject[];
}

const load = createRequire(import.meta.url);

function anchorRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(anchorRefs);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? SPEC_SCHEMA_ID + value
        : anchorRefs(value),
    ]),
  );
}

/** The Ajv setup every check shares: 2020-12, all errors with data, the standard formats, `binary` as any bytes. */
function newAjv(spec: OpenApiDocument, coerceTypes: boolean): Ajv2020 {
  const { Ajv2020: Ajv } = load('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = load('ajv-formats') as typeof import('ajv-formats').default;
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, coerceTypes });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: SPEC_SCHEMA_ID, components: spec.components ?? {} });
  return ajv;
}

const TRUE_KEY = {};
const FALSE_KEY = {};

/**
 * Creates a runner; `coerceTypes` suits query strings and headers, where every value arrives as text.
 * Ajv is loaded when the first schema compiles, so importing this module costs nothing.
 */
export function createSchemaRunner(spec: OpenApiDocument, options: { coerceTypes: boolean }): SchemaRunner {
  let ajv: Ajv2020 | undefined;
  const compiled = new WeakMap<object, ValidateFunction>();

  const compile = (schema: JsonSchema): ValidateFunction => {
    const key = typeof schema === 'object' ? schema : schema ? TRUE_KEY : FALSE_KEY;
    let validate = compiled.get(key);
    if (!validate) {
      ajv ??= newAjv(spec, options.coerceTypes);
      validate = ajv.compile(anchorRefs(schema) as JsonSchema);
      compiled.set(key, validate);
    }
    return validate;
  };

  const rawErrors = (schema: JsonSchema, data: unknown): readonly ErrorObject[] => {
    const validate = compile(schema);
    return validate(data) ? [] : [...(validate.errors ?? [])];
  };

  return { check: (schema, data) => issuesFromAjv(rawErrors(schema, data), rawErrors), errors: rawErrors };
}

const shared = new WeakMap<OpenApiDocument, { body: SchemaRunner; text: SchemaRunner }>();

/**
 * The runners of one spec document, made once per process: `body` for parsed JSON, `text` (coercing)
 * for query strings and headers. A pure cache: compiled validators hold no request data.
 */
export function schemaRunnersOf(spec: OpenApiDocument): { body: SchemaRunner; text: SchemaRunner } {
  let runners = shared.get(spec);
  if (!runners) {
    runners = {
      body: createSchemaRunner(spec, { coerceTypes: false }),
      text: createSchemaRunner(spec, { coerceTypes: true }),
    };
    shared.set(spec, runners);
  }
  return runners;
}
