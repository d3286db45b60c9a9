import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { addFieldError, type FieldErrors } from '../core/result.js';
import { loadSpec } from '../spec/load-spec.js';
import { laravelMessage } from './laravel-messages.js';

/** What the mock reads from `openapi.yaml` at start-up: scopes per operation and request validators. */
export interface RequestValidator {
  /** The OAuth scope `openapi.yaml` requires for an operation, if any. */
  scopeOf(operationId: string): string | undefined;
  /** Laravel-style errors of a request body (empty when valid). */
  bodyErrors(operationId: string, body: unknown): FieldErrors;
  /** Laravel-style errors of a query string (empty when valid). */
  queryErrors(operationId: string, query: Record<string, string>): FieldErrors;
}

interface Operation {
  scope?: string;
  body?: ValidateFunction;
  query?: ValidateFunction;
}

type Json = Record<string, unknown>;

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

function compileOperation(
  ajv: Ajv2020,
  ajvQuery: Ajv2020,
  path: string,
  method: string,
  op: Json,
): Operation {
  const base = `spec#/paths/${pointerEscape(path)}/${method}`;
  const security = (op.security as Array<Record<string, string[]>> | undefined) ?? [];
  const scope = security.find((entry) => entry.oauth2)?.oauth2?.[0];
  const content = ((op.requestBody as Json | undefined)?.content ?? {}) as Json;
  const out: Operation = scope ? { scope } : {};
  if (content['application/json']) {
    out.body = ajv.compile({ $ref: `${base}/requestBody/content/application~1json/schema` });
  }
  const params = ((op.parameters as Json[] | undefined) ?? []).filter((p) => p.in === 'query');
  if (params.length > 0) {
    out.query = ajvQuery.compile({
      type: 'object',
      properties: Object.fromEntries(
        params.map((p, i) => [p.name, { $ref: `${base}/parameters/${i}/schema` }]),
      ),
      required: params.filter((p) => p.required).map((p) => p.name),
    });
  }
  return out;
}

function newAjv(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes, validateFormats: true });
  addFormats.default(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema(loadSpec() as object, 'spec');
  return ajv;
}

/** Compiles the request schemas of every operation in `openapi.yaml` once. */
export function createRequestValidator(): RequestValidator {
  const ajv = newAjv(false);
  const ajvQuery = newAjv(true);
  const operations = new Map<string, Operation>();
  const paths = (loadSpec() as unknown as Json).paths as Record<string, Record<string, Json>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op?.operationId === 'string')
        operations.set(op.operationId, compileOperation(ajv, ajvQuery, path, method, op));
    }
  }
  const find = (operationId: string): Operation => {
    const op = operations.get(operationId);
    if (!op) throw new Error(`openapi.yaml has no operation ${operationId}`);
    return op;
  };
  return {
    scopeOf: (operationId) => find(operationId).scope,
    bodyErrors(operationId, body) {
      const validate = find(operationId).body;
      return !validate || validate(body) ? {} : toFieldErrors(validate.errors);
    },
    queryErrors(operationId, query) {
      const validate = find(operationId).query;
      return !validate || validate({ ...query }) ? {} : toFieldErrors(validate.errors);
    },
  };
}
