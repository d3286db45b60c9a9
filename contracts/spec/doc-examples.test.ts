/**
 * Every request and response example in the Blaaiz docs' own per-endpoint OpenAPI files, for the
 * endpoints openapi.yaml covers, must validate against openapi.yaml. Examples that contradict a
 * decision of the project's API contract are listed in KNOWN_EXCEPTIONS, with the reason, and must
 * fail exactly where listed (so a stale entry is noticed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProjectRoot, loadSpec } from '../../mock/src/spec/load-spec.js';
import {
  deref,
  HTTP_METHODS,
  type MediaTypeObject,
  type OpenApiDocument,
} from '../../mock/src/spec/openapi-document.js';
import { listOperations } from '../../mock/src/spec/operations.js';
import {
  createSpecValidator,
  formatValidationErrors,
  type ValidationResult,
} from '../../mock/src/spec/validator.js';

/** The docs files describing the endpoints openapi.yaml covers. */
const DOC_FILES = [
  'api-reference/auth/token-openapi.json',
  'api-reference/file/create-openapi.json',
  'api-reference/customer/create-openapi.json',
  'api-reference/customer/get-openapi.json',
  'api-reference/customer/list-openapi.json',
  'api-reference/customer/upload-files-openapi.json',
  'api-reference/customer/update-openapi.json',
  'api-reference/customer/add-kyc-openapi.json',
  'api-reference/customer/upgrade-kyb-scope-openapi.json',
  'api-reference/customer/delete-owner-openapi.json',
  'api-reference/customer/get-owner-file-presigned-url-openapi.json',
  'api-reference/customer/upload-owner-files-openapi.json',
  'api-reference/customer/get-document-presigned-url-openapi.json',
  'api-reference/customer/register-document-openapi.json',
  'api-reference/customer/list-documents-openapi.json',
  'api-reference/customer/show-document-openapi.json',
  'api-reference/customer/update-document-openapi.json',
  'api-reference/customer/delete-document-openapi.json',
  'api-reference/customer/submit-openapi.json',
  'api-reference/webhook/register-openapi.json',
];

/** Operations openapi.yaml also serves under another method, so the same docs examples apply (older SDKs PUT the files). */
const ALSO_SERVED_AS: Record<string, string[]> = { uploadCustomerFiles: ['replaceCustomerFiles'] };

/** Documented examples openapi.yaml rejects on purpose, keyed `<operationId> <request|status> <media type> <example>`. */
const KNOWN_EXCEPTIONS: Record<string, { pointers: string[]; reason: string }> = {
  'getPresignedUrl request application/json example': {
    pointers: ['/customer_id'],
    reason:
      'The docs use the placeholder "customer_123"; the API contract (section 6) says ids are UUIDs, so openapi.yaml types customer_id as format uuid and a request carrying anything else fails validation (422).',
  },
};

interface ExampleCase {
  readonly id: string;
  readonly docsFile: string;
  readonly run: () => ValidationResult;
  readonly label: string;
}

const root = findProjectRoot();
const docsDir = resolve(root, process.env.BLAAIZ_DOCS_DIR ?? '../shared/reference/blaaiz-docs');
const docsAvailable = existsSync(docsDir);
if (!docsAvailable) {
  console.info(
    `doc-examples skipped: no Blaaiz docs at ${docsDir}; set BLAAIZ_DOCS_DIR to a blaaiz-docs folder to run it.`,
  );
}

const normalise = (path: string): string => path.replace(/\{[^}]+\}/g, '{}');

function examplesOf(document: OpenApiDocument, media: MediaTypeObject): [string, unknown][] {
  const named = Object.entries(media.examples ?? {}).map(([name, example]): [string, unknown] => [
    name,
    deref(document, example).value,
  ]);
  return 'example' in media ? [['example', media.example], ...named] : named;
}

/** Reads one docs file and turns each of its examples into a check against every operationId serving that path. */
function casesOf(docsFile: string, spec: OpenApiDocument): ExampleCase[] {
  const validator = createSpecValidator(spec);
  const operations = listOperations(spec);
  const document = JSON.parse(readFileSync(join(docsDir, docsFile), 'utf8')) as OpenApiDocument;
  const cases: ExampleCase[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const match = operations.find(
        (candidate) =>
          normalise(candidate.path) === normalise(path) && candidate.method === method.toUpperCase(),
      );
      if (!match)
        throw new Error(`${docsFile}: ${method.toUpperCase()} ${path} has no operation in openapi.yaml`);
      for (const operationId of [match.operationId, ...(ALSO_SERVED_AS[match.operationId] ?? [])]) {
        const body = operation.requestBody === undefined ? undefined : deref(document, operation.requestBody);
        for (const [mediaType, media] of Object.entries(body?.content ?? {})) {
          for (const [name, value] of examplesOf(document, media)) {
            const id = `${operationId} request ${mediaType} ${name}`;
            cases.push({
              id,
              docsFile,
              label: 'request',
              run: () => validator.validateRequestBody(operationId, mediaType, value),
            });
          }
        }
        for (const [status, raw] of Object.entries(operation.responses ?? {})) {
          for (const [mediaType, media] of Object.entries(deref(document, raw).content ?? {})) {
            for (const [name, value] of examplesOf(document, media)) {
              const id = `${operationId} ${status} ${mediaType} ${name}`;
              const run = () => validator.validateResponse(operationId, Number(status), mediaType, value);
              cases.push({ id, docsFile, label: status, run });
            }
          }
        }
      }
    }
  }
  return cases;
}

const cases = docsAvailable ? DOC_FILES.flatMap((file) => casesOf(file, loadSpec())) : [];

describe.skipIf(!docsAvailable)('Blaaiz docs examples against openapi.yaml', () => {
  it.each(DOC_FILES)('%s yields examples for our operations', (docsFile) => {
    expect(cases.filter((entry) => entry.docsFile === docsFile).length).toBeGreaterThan(0);
  });

  it.each(
    cases.filter((entry) => !(entry.id in KNOWN_EXCEPTIONS)).map((entry) => [entry.id, entry] as const),
  )('%s conforms', (id, entry) => {
    const outcome = entry.run();
    const operationId = id.split(' ')[0] ?? id;
    expect(
      outcome.ok,
      outcome.ok ? '' : formatValidationErrors(operationId, entry.label, outcome.errors),
    ).toBe(true);
  });

  it.each(Object.entries(KNOWN_EXCEPTIONS))(
    '%s is a known exception and fails only where listed',
    (id, exception) => {
      const entry = cases.find((candidate) => candidate.id === id);
      expect(entry, `no docs example ${id} any more: remove it from KNOWN_EXCEPTIONS`).toBeDefined();
      const outcome = entry?.run();
      expect(exception.reason.length).toBeGreaterThan(0);
      expect(outcome?.ok ? [] : outcome?.errors.map((issue) => issue.pointer)).toEqual(exception.pointers);
    },
  );
});
