/** One Ajv 2020 instance holding the spec's components, compiling each schema once, on first use. */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { issuesFromAjv } from './ajv-issues.js';
import type { JsonSchema, OpenApiDocument } from './openapi-document.js';
import type { ValidationIssue } from './validation-issues.js';

/** Base URI under which the spec's `components` are registered, so `#/components/...` references resolve. */
export const SPEC_SCHEMA_ID = 'https://blaaiz-mock.invalid/openapi.yaml';

/** Validates data against schemas taken from the spec. */
export interface SchemaRunner {
  /** Returns every issue of `data` against `schema` (empty when valid). */
  readonly check: (schema: JsonSchema, data: unknown) => ValidationIssue[];
}

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

const TRUE_KEY = {};
const FALSE_KEY = {};

/** Creates a runner; `coerceTypes` suits query strings and headers, where every value arrives as text. */
export function createSchemaRunner(spec: OpenApiDocument, options: { coerceTypes: boolean }): SchemaRunner {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    verbose: true,
    coerceTypes: options.coerceTypes,
  });
  ajvFormats.default(ajv);
  ajv.addSchema({ $id: SPEC_SCHEMA_ID, components: spec.components ?? {} });
  const compiled = new WeakMap<object, ValidateFunction>();

  const compile = (schema: JsonSchema): ValidateFunction => {
    const key = typeof schema === 'object' ? schema : schema ? TRUE_KEY : FALSE_KEY;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(anchorRefs(schema) as JsonSchema);
      compiled.set(key, validate);
    }
    return validate;
  };

  const rawErrors = (schema: JsonSchema, data: unknown): readonly ErrorObject[] => {
    const validate = compile(schema);
    return validate(data) ? [] : [...(validate.errors ?? [])];
  };

  return { check: (schema, data) => issuesFromAjv(rawErrors(schema, data), rawErrors) };
}
