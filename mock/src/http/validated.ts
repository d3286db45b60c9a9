import type { Context } from 'hono';
import type { Result } from '../core/result.js';
import type { MockDeps } from '../deps.js';
import { ApiError, failureToError, validationMessage } from '../errors.js';
import type { operations } from '../generated/openapi.js';
import { readRequestBody } from './body.js';
import { valueBoundErrors } from './value-bounds.js';

function refuse(errors: Record<string, string[]>): void {
  if (Object.keys(errors).length > 0) throw new ApiError(422, validationMessage(errors), errors);
}

/** The JSON request body `openapi.yaml` documents for operation `Op`. */
export type RequestJson<Op extends keyof operations> = operations[Op] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/**
 * Reads the body of `operationId`, checks it against `openapi.yaml` and returns only the fields the
 * operation defines (Laravel's validated input); 422 in the API's shape when invalid or out of bounds.
 * The answer is typed from the generated `operations`, so a handler cannot read a field the spec does not
 * define.
 */
export async function validBody<Op extends keyof operations>(
  c: Context,
  deps: MockDeps,
  operationId: Op,
): Promise<RequestJson<Op>> {
  const body = await readRequestBody(c);
  refuse(deps.validator.bodyErrors(operationId, body));
  // Bounds apply to what would be kept: an undocumented field, however deep or long, is simply dropped.
  const input = deps.validator.definedInput(operationId, body);
  refuse(valueBoundErrors(input));
  return input as RequestJson<Op>;
}

/** Checks the query string of `operationId` against `openapi.yaml`; 422 when invalid. */
export function validQuery(c: Context, deps: MockDeps, operationId: string): Record<string, string> {
  const query = c.req.query();
  const errors = deps.validator.queryErrors(operationId, query);
  if (Object.keys(errors).length > 0) throw new ApiError(422, validationMessage(errors), errors);
  return query;
}

/** The value of a domain result, or its failure thrown as the API's error. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw failureToError(result.error);
  return result.value;
}
