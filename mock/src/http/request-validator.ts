import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { addFieldError, type FieldErrors } from '../core/result.js';
import { loadSpec } from '../spec/load-spec.js';
import type { JsonSchema, OpenApiDocument } from '../spec/openapi-document.js';
import { definedInput } from './defined-input.js';
import { laravelMessage } from './laravel-messages.js';

/** What the mock reads from `openapi.yaml`: scopes per operation and request validators. */
export interface RequestValidator {
  /** The OAuth scope `openapi.yaml` requires for an operation, if any. */
  scopeOf(operationId: string): string | undefined;
  /** Laravel-style errors of a request body (empty when valid). */
  bodyErrors(operationId: string, body: unknown): FieldErrors;
  /** Laravel-style errors of a query string (empty when valid). */
  queryErrors(operationId: string, query: Record<string, string>): FieldErrors;
  /** The body reduced to the fields the operation's request schema defines (Laravel's validated input). */
  definedInput(operationId: string, body: unknown): unknown;
}

type Json = Record<string, unknown>;
type Validate = ValidateFunction | undefined;

/** Where an operation lives in the spec; its validators are compiled on first use. */
interface Operation {
  base: string;
  scope: string | undefined;
  hasJsonBody: boolean;
  queryParams: Json[];
  bodySchema: JsonSchema | undefined;
  body?: Validate;
  query?: Validate;
}

const load = createRequire(import.meta.url);

function pointerEscape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function toFieldErrors(errors: ErrorObject[] | null | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const error of errors ?? []) {
    const entry = laravelMessage(error);
    if (!entry) continue;
    if (!out[entry.field]?.includes(entry.message)) addFieldError(out, entry.field, entry.message);
  }
  return out;
}

/** An Ajv for the spec; Ajv is loaded at the first validation, so start-up does not pay for it. */
function newAjv(coerceTypes: boolean): Ajv2020 {
  const { Ajv2020: Ajv } = load('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = load('ajv-formats') as typeof import('ajv-formats').default;
  const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema(loadSpec() as object, 'spec');
  return ajv;
}

function describeOperation(path: string, method: string, op: Json): Operation {
  const security = (op.security as Array<Record<string, string[]>> | undefined) ?? [];
  const content = ((op.requestBody as Json | undefined)?.content ?? {}) as Json;
  return {
    base: `spec#/paths/${pointerEscape(path)}/${method}`,
    scope: security.find((entry) => entry.oauth2)?.oauth2?.[0],
    hasJsonBody: content['application/json'] !== undefined,
    bodySchema: (content['application/json'] as Json | undefined)?.schema as JsonSchema | undefined,
    queryParams: ((op.parameters as Json[] | undefined) ?? []).filter((p) => p.in === 'query'),
  };
}

function querySchema(op: Operation): Json {
  return {
    type: 'object',
    properties: Object.fromEntries(
      op.queryParams.map((p, i) => [p.name, { $ref: `${op.base}/parameters/${i}/schema` }]),
    ),
    required: op.queryParams.filter((p) => p.required).map((p) => p.name),
  };
}

/** Reads every operation of `openapi.yaml`; each request validator is compiled once, when first needed. */
export function createRequestValidator(): RequestValidator {
  const operations = new Map<string, Operation>();
  const spec: OpenApiDocument = loadSpec();
  const paths = (spec as unknown as Json).paths as Record<string, Record<string, Json>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op?.operationId === 'string')
        operations.set(op.operationId, describeOperation(path, method, op));
    }
  }
  let ajv: Ajv2020 | undefined;
  let ajvQuery: Ajv2020 | undefined;
  const find = (operationId: string): Operation => {
    const op = operations.get(operationId);
    if (!op) throw new Error(`openapi.yaml has no operation ${operationId}`);
    return op;
  };
  const bodyValidator = (op: Operation): Validate => {
    if (op.body === undefined && op.hasJsonBody) {
      ajv ??= newAjv(false);
      op.body = ajv.compile({ $ref: `${op.base}/requestBody/content/application~1json/schema` });
    }
    return op.body;
  };
  const queryValidator = (op: Operation): Validate => {
    if (op.query === undefined && op.queryParams.length > 0) {
      ajvQuery ??= newAjv(true);
      op.query = ajvQuery.compile(querySchema(op));
    }
    return op.query;
  };
  return {
    scopeOf: (operationId) => find(operationId).scope,
    bodyErrors(operationId, body) {
      const validate = bodyValidator(find(operationId));
      return !validate || validate(body) ? {} : toFieldErrors(validate.errors);
    },
    queryErrors(operationId, query) {
      const validate = queryValidator(find(operationId));
      return !validate || validate({ ...query }) ? {} : toFieldErrors(validate.errors);
    },
    definedInput(operationId, body) {
      const schema = find(operationId).bodySchema;
      return schema === undefined ? {} : definedInput(spec, schema, body);
    },
  };
}
