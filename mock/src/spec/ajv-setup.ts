/** The one Ajv setup of every spec check, shared by the runtime schema runner and the precompiler. */
import { createRequire } from 'node:module';
import type { Ajv2020, Options } from 'ajv/dist/2020.js';
import type { OpenApiDocument } from './openapi-document.js';

/** Base URI under which the spec's `components` are registered, so `#/components/...` references resolve. */
export const SPEC_SCHEMA_ID = 'https://blaaiz-mock.invalid/openapi.yaml';

const load = createRequire(import.meta.url);
type CodeOptions = NonNullable<Options['code']>;

/** Rewrites the spec's local `#/...` references to {@link SPEC_SCHEMA_ID}, where {@link newAjv} registers them. */
export function anchorRefs(node: unknown): unknown {
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

/**
 * The Ajv setup every check shares: 2020-12, all errors with data, the standard formats, `binary` as any
 * bytes, the spec's components under {@link SPEC_SCHEMA_ID}. `code` is for the precompiler only.
 */
export function newAjv(spec: OpenApiDocument, coerceTypes: boolean, code?: CodeOptions): Ajv2020 {
  const { Ajv2020: Ajv } = load('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = load('ajv-formats') as typeof import('ajv-formats').default;
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    verbose: true,
    coerceTypes,
    ...(code === undefined ? {} : { code }),
  });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: SPEC_SCHEMA_ID, components: spec.components ?? {} });
  return ajv;
}
