import type { Context } from 'hono';
import type { Result } from '../core/result.js';
import type { MockDeps } from '../deps.js';
import { ApiError, failureToError, validationMessage } from '../errors.js';
import { readRequestBody } from './body.js';

/** Reads the body of `operationId` and checks it against `openapi.yaml`; 422 in the API's shape when invalid. */
export async function validBody<T>(c: Context, deps: MockDeps, operationId: string): Promise<T> {
  const body = await readRequestBody(c);
  const errors = deps.validator.bodyErrors(operationId, body);
  if (Object.keys(errors).length > 0) throw new ApiError(422, validationMessage(errors), errors);
  return body as T;
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
