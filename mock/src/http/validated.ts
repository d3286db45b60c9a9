import type { Context } from 'hono';
import type { Result } from '../core/result.js';
import type { MockDeps } from '../deps.js';
import { ApiError, failureToError, validationMessage } from '../errors.js';
import { readRequestBody } from './body.js';
import { valueBoundErrors } from './value-bounds.js';

function refuse(errors: Record<string, string[]>): void {
  if (Object.keys(errors).length > 0) throw new ApiError(422, validationMessage(errors), errors);
}

/**
 * Reads the body of `operationId`, checks it against `openapi.yaml` and returns only the fields the
 * operation defines (Laravel's validated input); 422 in the API's shape when invalid or out of bounds.
 */
export async function validBody<T>(c: Context, deps: MockDeps, operationId: string): Promise<T> {
  const body = await readRequestBody(c);
  refuse(deps.validator.bodyErrors(operationId, body));
  // Bounds apply to what would be kept: an undocumented field, however deep or long, is simply dropped.
  const input = deps.validator.definedInput(operationId, body);
  refuse(valueBoundErrors(input));
  return input as T;
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
