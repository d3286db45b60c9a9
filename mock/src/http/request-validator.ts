/** The mock's request checks: the spec's operations and shared Ajv runners, worded as Laravel does. */
import type { ErrorObject } from 'ajv';
import { addFieldError, type FieldErrors } from '../core/result.js';
import { querySchema } from '../spec/http-inputs.js';
import { jsonBodySchemas } from '../spec/json-bodies.js';
import { loadSpec } from '../spec/load-spec.js';
import type { JsonSchema, OpenApiDocument } from '../spec/openapi-document.js';
import { listOperations } from '../spec/operations.js';
import { schemaRunnersOf } from '../spec/schema-runner.js';
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

/** What the checks need of one operation: its scope, JSON body schema and query parameters schema. */
interface Operation {
  readonly scope: string | undefined;
  readonly body: JsonSchema | undefined;
  readonly query: JsonSchema | undefined;
}

function toFieldErrors(errors: readonly ErrorObject[]): FieldErrors {
  const out: FieldErrors = {};
  for (const error of errors) {
    const entry = laravelMessage(error);
    if (!entry) continue;
    if (!out[entry.field]?.includes(entry.message)) addFieldError(out, entry.field, entry.message);
  }
  return out;
}

function describeOperations(spec: OpenApiDocument): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  const bodies = jsonBodySchemas(spec);
  for (const operation of listOperations(spec)) {
    const query = operation.parameters.filter((parameter) => parameter.in === 'query');
    operations.set(operation.operationId, {
      scope: operation.scope,
      body: bodies.get(operation.operationId),
      query: query.length === 0 ? undefined : querySchema(query),
    });
  }
  return operations;
}

const perSpec = new WeakMap<OpenApiDocument, RequestValidator>();

/**
 * The request validator of `spec` (default: the project's openapi.yaml), made once per document and
 * shared by every instance: it holds compiled schemas only, no request data.
 */
export function createRequestValidator(spec: OpenApiDocument = loadSpec()): RequestValidator {
  const known = perSpec.get(spec);
  if (known) return known;
  const operations = describeOperations(spec);
  const runners = schemaRunnersOf(spec);
  const find = (operationId: string): Operation => {
    const operation = operations.get(operationId);
    if (!operation) throw new Error(`openapi.yaml has no operation ${operationId}`);
    return operation;
  };
  const validator: RequestValidator = {
    scopeOf: (operationId) => find(operationId).scope,
    bodyErrors(operationId, body) {
      const schema = find(operationId).body;
      return schema === undefined ? {} : toFieldErrors(runners.body.errors(schema, body));
    },
    queryErrors(operationId, query) {
      const schema = find(operationId).query;
      return schema === undefined ? {} : toFieldErrors(runners.text.errors(schema, { ...query }));
    },
    definedInput(operationId, body) {
      const schema = find(operationId).body;
      return schema === undefined ? {} : definedInput(spec, schema, body);
    },
  };
  perSpec.set(spec, validator);
  return validator;
}
