/** Validators compiled from openapi.yaml by `npm run generate`, used only for the document they were made from. */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { BODY_VALIDATORS, MADE_FROM } from '../generated/body-validators.js';
import { SPEC_SHA256 } from '../generated/spec-document.js';
import { jsonBodySchemas } from './json-bodies.js';
import { isGeneratedSpec } from './load-spec.js';
import type { OpenApiDocument } from './openapi-document.js';

/**
 * The precompiled request-body validators of `spec`, keyed by the schema object each was built from;
 * `undefined` when `spec` is not the document they came from (another file, a changed copy, a stale build).
 */
export function precompiledBodyValidators(
  spec: OpenApiDocument,
): ReadonlyMap<object, ValidateFunction> | undefined {
  if (!isGeneratedSpec(spec) || MADE_FROM !== SPEC_SHA256) return undefined;
  const validators = BODY_VALIDATORS as unknown as Readonly<Record<string, ValidateFunction | undefined>>;
  const bySchema = new Map<object, ValidateFunction>();
  for (const [operationId, schema] of jsonBodySchemas(spec)) {
    const validate = validators[operationId];
    if (validate && typeof schema === 'object') bySchema.set(schema, validate);
  }
  return bySchema;
}
