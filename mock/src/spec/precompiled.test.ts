import { describe, expect, it } from 'vitest';
import { anchorRefs, newAjv } from './ajv-setup.js';
import { jsonBodySchemas } from './json-bodies.js';
import { loadSpec } from './load-spec.js';
import { deref, type OpenApiDocument } from './openapi-document.js';
import { listOperations } from './operations.js';
import { precompiledBodyValidators } from './precompiled.js';

const spec = loadSpec();
const precompiled = precompiledBodyValidators(spec);
const runtime = newAjv(spec, false);

/** Bodies that pass and fail in many ways: the documented examples, then wrong shapes and types. */
function bodiesFor(operationId: string): unknown[] {
  const operation = listOperations(spec).find((candidate) => candidate.operationId === operationId);
  const raw = operation?.definition.requestBody;
  const media = raw === undefined ? undefined : deref(spec, raw).content?.['application/json'];
  const examples = Object.values(media?.examples ?? {}).map((example) => deref(spec, example).value);
  const wrong = [
    {},
    [],
    null,
    'text',
    { type: 'individual', email: 'no', country: 'N', first_name: '', kyb_scope: 'FULL', owners: [{}] },
    { type: 'business', email: 'a@b.co', country: 'NG', id_type: 'passport', operating_city: 'Lagos' },
    { customer_id: 42, file_category: 'selfie', id_file: 7, website: 'not a url', dob: '2026-13-40' },
  ];
  return [...examples, ...wrong];
}

describe('precompiled request-body validators', () => {
  const bodies = [...jsonBodySchemas(spec)].filter(([, schema]) => typeof schema === 'object');

  it('cover the body every start checks (each seed customer is a createCustomer body)', () => {
    const create = jsonBodySchemas(spec).get('createCustomer');
    expect(precompiled?.get(create as object)).toBeTypeOf('function');
  });

  it.each(bodies.filter(([, schema]) => precompiled?.has(schema as object)))(
    '%s reports exactly what a fresh compile of its schema reports',
    (operationId, schema) => {
      const validate = precompiled?.get(schema as object);
      const fresh = runtime.compile(anchorRefs(schema) as object);
      expect(validate).toBeTypeOf('function');
      for (const body of bodiesFor(operationId)) {
        const ok = fresh(body);
        expect(validate?.(body)).toBe(ok);
        expect(validate?.errors ?? null).toEqual(fresh.errors ?? null);
      }
    },
  );

  it('are not used for any other document, even an equal copy', () => {
    const copy = structuredClone(spec) as OpenApiDocument;
    expect(precompiledBodyValidators(copy)).toBeUndefined();
  });
});
