/** The suite's own judge: requests and responses checked against openapi.yaml, each schema compiled once. */
import type { IncomingHttpHeaders } from 'node:http';
import { loadSpec } from '../../mock/src/spec/load-spec.js';
import type { OpenApiDocument } from '../../mock/src/spec/openapi-document.js';
import { listOperations, type SpecOperation } from '../../mock/src/spec/operations.js';
import { createSpecValidator, type ValidationIssue } from '../../mock/src/spec/validator.js';

/** What the judge needs to know about an outgoing request. */
export interface RequestFacts {
  readonly contentType: string | undefined;
  readonly body: string | Uint8Array | undefined;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
}

/** What the judge needs to know about a response. */
export interface ResponseFacts {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

const COMPOSITION = ['allOf', 'anyOf', 'oneOf', 'if', 'not', '$ref', 'dependentSchemas'];

function isObjectSchema(node: Record<string, unknown>): boolean {
  const type = node.type;
  return (type === 'object' || (Array.isArray(type) && type.includes('object'))) && 'properties' in node;
}

function closeObject(node: Record<string, unknown>): Record<string, unknown> {
  if (!isObjectSchema(node) || 'additionalProperties' in node || 'unevaluatedProperties' in node) return node;
  const composed = COMPOSITION.some((keyword) => keyword in node);
  return composed ? { ...node, unevaluatedProperties: false } : { ...node, additionalProperties: false };
}

function tighten(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tighten);
  if (typeof node !== 'object' || node === null) return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, tighten(value)]));
  return closeObject(copy);
}

/**
 * Returns the spec with `additionalProperties: false` on every object schema that lists `properties`
 * and says nothing about other fields (`unevaluatedProperties: false` when it also composes schemas).
 * Responses are judged against this copy: an undocumented field in an answer is drift, not noise.
 */
export function strictSpec(spec: OpenApiDocument): OpenApiDocument {
  return tighten(spec) as OpenApiDocument;
}

const spec = loadSpec();
const operations = new Map(listOperations(spec).map((operation) => [operation.operationId, operation]));
const requestValidator = createSpecValidator(spec);
const responseValidator = createSpecValidator(strictSpec(spec));

/** Every operation of openapi.yaml in document order (method, path template, scope, definition). */
export function specOperations(): SpecOperation[] {
  return [...operations.values()];
}

/** One operation by operationId; an unknown one is a bug in the test and throws. */
export function specOperation(operationId: string): SpecOperation {
  const operation = operations.get(operationId);
  if (!operation) throw new Error(`openapi.yaml has no operation "${operationId}"`);
  return operation;
}

function securityIssues(operation: SpecOperation, headers: Readonly<Record<string, string>>) {
  const requirements = operation.definition.security ?? spec.security ?? [];
  if (requirements.length === 0 || requirements.some((req) => Object.keys(req).length === 0)) return [];
  const names = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  if (names.has('authorization') || (operation.legacyApiKey && names.has('x-blaaiz-api-key'))) return [];
  const issue: ValidationIssue = {
    pointer: 'header:Authorization',
    keyword: 'security',
    message: 'is required by the operation security (Bearer token or x-blaaiz-api-key)',
    expected: 'a credential',
  };
  return [issue];
}

/** Issues of a request against its operation: security presence, query parameters and body. */
export function judgeRequest(operationId: string, request: RequestFacts): ValidationIssue[] {
  const operation = specOperation(operationId);
  const query = requestValidator.validateQuery(operationId, request.query);
  const isForm = request.contentType === 'application/x-www-form-urlencoded';
  const payload =
    isForm && typeof request.body === 'string'
      ? Object.fromEntries(new URLSearchParams(request.body))
      : request.body;
  const body = requestValidator.validateRequestBody(operationId, request.contentType, payload);
  return [
    ...securityIssues(operation, request.headers),
    ...(query.ok ? [] : query.errors.map((issue) => ({ ...issue, pointer: `query:${issue.pointer}` }))),
    ...(body.ok ? [] : body.errors),
  ];
}

/** Issues of a response against the (strict) spec: documented status, content type, body and headers. */
export function judgeResponse(operationId: string, response: ResponseFacts): ValidationIssue[] {
  const contentType = response.headers['content-type'];
  const verdict = responseValidator.validateResponse(
    operationId,
    response.status,
    contentType,
    response.text,
    response.headers,
  );
  return verdict.ok ? [] : verdict.errors;
}

/** Issues of a delivery the target sent to a receiver, against the (strict) spec's `webhooks:` entry `name`. */
export function judgeWebhook(name: string, delivery: ResponseFacts): ValidationIssue[] {
  const contentType = delivery.headers['content-type'];
  const verdict = responseValidator.validateWebhook(name, contentType, delivery.text, delivery.headers);
  return verdict.ok ? [] : verdict.errors;
}
