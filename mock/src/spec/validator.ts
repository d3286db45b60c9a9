/** Request and response validation against openapi.yaml by operationId (Ajv 2020, each schema compiled once, lazily). */
import type { HeaderInput, QueryInput } from './http-inputs.js';
import { isEmptyBody } from './http-inputs.js';
import { loadSpec } from './load-spec.js';
import { deref, type OpenApiDocument, type ResponseObject } from './openapi-document.js';
import { listOperations, type SpecOperation } from './operations.js';
import { createPayloadChecks } from './payload-checks.js';
import { rootIssue, type ValidationIssue, type ValidationResult } from './validation-issues.js';

export type { HeaderInput, QueryInput } from './http-inputs.js';
export { formatValidationErrors, type ValidationIssue, type ValidationResult } from './validation-issues.js';

/** Validators for the operations of one spec; an unknown operationId throws (it is a programming error). */
export interface SpecValidator {
  /** Checks a body (parsed value, JSON text or bytes) against the request body; `undefined` or `''` means no body. */
  validateRequestBody(operationId: string, contentType: string | undefined, body: unknown): ValidationResult;
  /** Checks the query parameters; empty values count as absent, as the API treats them. */
  validateQuery(operationId: string, query: QueryInput): ValidationResult;
  /** Checks that the status is documented, then content type, body and, when given, the documented headers. */
  validateResponse(
    operationId: string,
    status: number,
    contentType: string | undefined,
    body: unknown,
    headers?: HeaderInput,
  ): ValidationResult;
  /** Checks a request the API sends to a receiver against the spec's `webhooks:` entry `name` (body and headers). */
  validateWebhook(
    name: string,
    contentType: string | undefined,
    body: unknown,
    headers: HeaderInput,
  ): ValidationResult;
}

const OK: ValidationResult = { ok: true };

function result(errors: ValidationIssue[]): ValidationResult {
  return errors.length === 0 ? OK : { ok: false, errors };
}

/** Builds a validator for `spec` (default: the project's openapi.yaml); nothing compiles until first used. */
export function createSpecValidator(spec: OpenApiDocument = loadSpec()): SpecValidator {
  const operations = new Map(listOperations(spec).map((operation) => [operation.operationId, operation]));
  const checks = createPayloadChecks(spec);
  const find = (operationId: string): SpecOperation => {
    const operation = operations.get(operationId);
    if (!operation) throw new Error(`openapi.yaml has no operation "${operationId}"`);
    return operation;
  };

  const webhookHeaders = new Map<string, ResponseObject>();
  // The webhook's header parameters, shaped as a response's headers so the same check applies.
  const headersOf = (name: string, parameters: readonly unknown[]): ResponseObject => {
    let known = webhookHeaders.get(name);
    if (!known) {
      const entries = parameters
        .map(
          (raw) =>
            deref(spec, raw as never) as { name: string; in: string; required?: boolean; schema?: unknown },
        )
        .filter((parameter) => parameter.in === 'header')
        .map((parameter) => [parameter.name, { required: parameter.required, schema: parameter.schema }]);
      known = { headers: Object.fromEntries(entries) } as ResponseObject;
      webhookHeaders.set(name, known);
    }
    return known;
  };

  return {
    validateWebhook(name, contentType, body, headers) {
      const operation = spec.webhooks?.[name]?.post;
      if (!operation) throw new Error(`openapi.yaml has no webhook "${name}"`);
      const raw = operation.requestBody;
      const content = raw === undefined ? undefined : deref(spec, raw).content;
      const bodyIssues = content ? checks.media(content, contentType, body) : [];
      return result([...bodyIssues, ...checks.headers(headersOf(name, operation.parameters ?? []), headers)]);
    },

    validateRequestBody(operationId, contentType, body) {
      const raw = find(operationId).definition.requestBody;
      const requestBody = raw === undefined ? undefined : deref(spec, raw);
      if (isEmptyBody(body)) {
        return requestBody?.required ? result([rootIssue('required', 'request body is required')]) : OK;
      }
      if (!requestBody?.content) return result([rootIssue('body', 'this operation takes no request body')]);
      return result(checks.media(requestBody.content, contentType, body));
    },

    validateQuery(operationId, query) {
      return result(checks.query(find(operationId), query));
    },

    validateResponse(operationId, status, contentType, body, headers) {
      const responses = find(operationId).definition.responses ?? {};
      const key = [String(status), `${String(status).charAt(0)}XX`, 'default'].find(
        (code) => code in responses,
      );
      const raw = key === undefined ? undefined : responses[key];
      if (raw === undefined) {
        const expected = Object.keys(responses);
        return result([rootIssue('status', `status ${status} is not documented`, { expected, got: status })]);
      }
      const response = deref(spec, raw);
      const headerIssues = headers ? checks.headers(response, headers) : [];
      if (!response.content) {
        const bodyIssues = isEmptyBody(body) ? [] : [rootIssue('body', 'must be empty', { got: body })];
        return result([...bodyIssues, ...headerIssues]);
      }
      if (!contentType) {
        const expected = Object.keys(response.content);
        return result([
          rootIssue('contentType', 'Content-Type header is missing', { expected }),
          ...headerIssues,
        ]);
      }
      return result([...checks.media(response.content, contentType, body), ...headerIssues]);
    },
  };
}
