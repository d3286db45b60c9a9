/** One Ajv 2020 instance holding the spec's components, compiling each schema once, on first use. */
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { issuesFromAjv } from './ajv-issues.js';
import { anchorRefs, newAjv } from './ajv-setup.js';
import type { JsonSchema, OpenApiDocument } from './openapi-document.js';
import { precompiledBodyValidators } from './precompiled.js';
import type { ValidationIssue } from './validation-issues.js';

export { SPEC_SCHEMA_ID } from './ajv-setup.js';

/** Validates data against schemas taken from the spec. */
export interface SchemaRunner {
  /** Returns every issue of `data` against `schema` (empty when valid). */
  readonly check: (schema: JsonSchema, data: unknown) => ValidationIssue[];
  /** Ajv's own errors of `data` against `schema` (empty when valid), for callers that word them themselves. */
  readonly errors: (schema: JsonSchema, data: unknown) => readonly ErrorObject[];
}

const TRUE_KEY = {};
const FALSE_KEY = {};

/**
 * Creates a runner; `coerceTypes` suits query strings and headers, where every value arrives as text.
 * `precompiled` holds validators already built from this setup (by schema object); any other schema is
 * compiled on first use, loading Ajv only then.
 */
export function createSchemaRunner(
  spec: OpenApiDocument,
  options: { coerceTypes: boolean; precompiled?: ReadonlyMap<object, ValidateFunction> },
): SchemaRunner {
  let ajv: Ajv2020 | undefined;
  const compiled = new WeakMap<object, ValidateFunction>(options.precompiled ?? []);

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
    const precompiled = precompiledBodyValidators(spec);
    runners = {
      body: createSchemaRunner(spec, { coerceTypes: false, ...(precompiled ? { precompiled } : {}) }),
      text: createSchemaRunner(spec, { coerceTypes: true }),
    };
    shared.set(spec, runners);
  }
  return runners;
}
