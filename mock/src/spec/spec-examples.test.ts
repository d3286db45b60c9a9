import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadSpec } from './load-spec.js';
import { deref, isReference, type MediaTypeObject, type OpenApiDocument } from './openapi-document.js';
import { listOperations } from './operations.js';
import { createSchemaRunner, SPEC_SCHEMA_ID } from './schema-runner.js';
import { createSpecValidator, formatValidationErrors, type ValidationResult } from './validator.js';

const spec = loadSpec();
const validator = createSpecValidator(spec);

/** Every example of a media type, named `example` or by its key in `examples`. */
function examplesOf(spec: OpenApiDocument, media: MediaTypeObject): [string, unknown][] {
  const named = Object.entries(media.examples ?? {}).map(([name, example]): [string, unknown] => [
    name,
    deref(spec, example).value,
  ]);
  return 'example' in media ? [['example', media.example], ...named] : named;
}

const requestCases: [string, string, string, unknown][] = [];
const responseCases: [string, number, string, string, unknown][] = [];
for (const operation of listOperations(spec)) {
  const { requestBody, responses = {} } = operation.definition;
  const content = requestBody === undefined ? {} : (deref(spec, requestBody).content ?? {});
  for (const [mediaType, media] of Object.entries(content)) {
    for (const [name, value] of examplesOf(spec, media))
      requestCases.push([operation.operationId, mediaType, name, value]);
  }
  for (const [status, raw] of Object.entries(responses)) {
    for (const [mediaType, media] of Object.entries(deref(spec, raw).content ?? {})) {
      for (const [name, value] of examplesOf(spec, media)) {
        responseCases.push([operation.operationId, Number(status), mediaType, name, value]);
      }
    }
  }
}

function expectValid(operationId: string, status: number | string, outcome: ValidationResult): void {
  expect(outcome.ok, outcome.ok ? '' : formatValidationErrors(operationId, status, outcome.errors)).toBe(
    true,
  );
}

describe('openapi.yaml examples', () => {
  it('has examples to check', () => {
    expect(requestCases.length).toBeGreaterThan(5);
    expect(responseCases.length).toBeGreaterThan(20);
  });

  it.each(requestCases)('%s request %s example %s conforms', (operationId, mediaType, _name, value) => {
    expectValid(operationId, 'request', validator.validateRequestBody(operationId, mediaType, value));
  });

  it.each(responseCases)('%s %i %s example %s conforms', (operationId, status, mediaType, _name, value) => {
    expectValid(operationId, status, validator.validateResponse(operationId, status, mediaType, value));
  });

  it('keeps every schema-level example valid against its own schema', () => {
    const runner = createSchemaRunner(spec, { coerceTypes: false });
    const schemas = (spec.components?.schemas ?? {}) as Record<string, { examples?: unknown[] }>;
    const failures = Object.entries(schemas).flatMap(([name, schema]) =>
      (schema.examples ?? []).flatMap((example) =>
        runner
          .check({ $ref: `#/components/schemas/${name}` }, example)
          .map((issue) => `${name}: ${issue.message}`),
      ),
    );
    expect(failures).toEqual([]);
  });
});

describe('openapi.yaml schemas', () => {
  it('compile under Ajv strict mode: no unknown keyword or format, no broken $ref', () => {
    const ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false });
    ajvFormats.default(ajv);
    ajv.addKeyword('components');
    ajv.addSchema({ $id: SPEC_SCHEMA_ID, components: spec.components });
    const names = Object.keys((spec.components?.schemas ?? {}) as object);
    for (const name of names)
      expect(() => ajv.getSchema(`${SPEC_SCHEMA_ID}#/components/schemas/${name}`)).not.toThrow();
    expect(names).toContain('Customer');
  });

  it('uses only local references', () => {
    const refs = JSON.stringify(spec).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.filter((ref) => !ref.startsWith('"$ref":"#/components/'))).toEqual([]);
    expect(isReference({ $ref: '#/components/schemas/Customer' })).toBe(true);
  });
});
