import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { operations } from '../generated/openapi.js';
import { jsonAnswer } from './request-notes.js';

type Responses<Op extends keyof operations> = operations[Op]['responses'];

/** The statuses `openapi.yaml` documents for `Op` with a JSON body. */
export type JsonStatus<Op extends keyof operations> = {
  [S in keyof Responses<Op>]: Responses<Op>[S] extends { content: { 'application/json': unknown } }
    ? S
    : never;
}[keyof Responses<Op>] &
  ContentfulStatusCode;

/** The JSON body `openapi.yaml` documents for `Op` answering `S`. */
export type JsonBody<Op extends keyof operations, S extends JsonStatus<Op>> = Responses<Op>[S] extends {
  content: { 'application/json': infer Body };
}
  ? Body
  : never;

/**
 * Answers operation `operationId` with `status` and `body`, both checked at compile time against the
 * generated `operations`: a route cannot answer a status or shape its spec does not document.
 */
export function respond<Op extends keyof operations, S extends JsonStatus<Op>>(
  c: Context,
  _operationId: Op,
  status: S,
  body: JsonBody<Op, S>,
): Response {
  return jsonAnswer(c, body, status);
}
