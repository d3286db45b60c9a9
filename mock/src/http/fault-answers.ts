import type { Context } from 'hono';
import type { MockDeps } from '../deps.js';
import { ApiError, type ApiErrorName, errorResponse } from '../errors.js';
import { noteHeader } from './answer-headers.js';
import { nodeIncoming } from './body.js';
import type { FaultRule } from './fault-rules.js';
import type { Face } from './request-operation.js';
import { s3Error } from './s3-errors.js';

/** Tells `@hono/node-server` the answer was written (or the socket dropped) by hand. */
const ALREADY_SENT = { 'x-hono-already-sent': '1' };

const API_BODIES: Record<number, ApiErrorName> = {
  429: 'rateLimited',
  500: 'serverError',
  502: 'badGateway',
  503: 'serviceUnavailable',
};

/** The documented answer of a status fault: the API's JSON (429 with its headers) or S3's XML on the store. */
export function statusAnswer(c: Context, deps: MockDeps, rule: FaultRule, face: Face): Response {
  const status = rule.status ?? 500;
  if (face === 'storage') {
    return status === 503
      ? s3Error(c, 'SlowDown', 'Please reduce your request rate.', c.req.path)
      : s3Error(c, 'InternalError', 'We encountered an internal error. Please try again.', c.req.path);
  }
  if (status === 429) {
    const retryAfter = rule.retryAfterSeconds ?? 60;
    noteHeader(c, 'Retry-After', String(retryAfter));
    noteHeader(c, 'X-RateLimit-Limit', '120');
    noteHeader(c, 'X-RateLimit-Remaining', '0');
    noteHeader(c, 'X-RateLimit-Reset', String(Math.ceil(deps.clock.now() / 1000) + retryAfter));
  }
  return errorResponse(c, ApiError.of(API_BODIES[status] ?? 'serverError'));
}

/** A body that gives `bytes` and then fails: the in-process stand-in for a connection cut mid-answer. */
function failingBody(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (bytes.byteLength > 0) controller.enqueue(bytes);
      controller.error(new Error('connection dropped by a mock fault'));
    },
  });
}

/** Cuts the connection without a byte of answer (in process: a body that fails at once). */
export function dropBefore(c: Context): Response {
  const incoming = nodeIncoming(c);
  if (!incoming) return new Response(failingBody(new Uint8Array()), { status: 500 });
  incoming.socket.destroy();
  return new Response(null, { headers: ALREADY_SENT });
}

/** Sends the real answer's head and half its body, then cuts the connection. */
export async function dropMidway(c: Context, answer: Response): Promise<Response> {
  const body = new Uint8Array(await answer.arrayBuffer());
  const half = body.subarray(0, Math.floor(body.byteLength / 2));
  const outgoing = (c.env as { outgoing?: import('node:http').ServerResponse } | undefined)?.outgoing;
  const headers = new Headers(answer.headers);
  headers.set('content-length', String(body.byteLength));
  if (!outgoing || !nodeIncoming(c))
    return new Response(failingBody(half), { status: answer.status, headers });
  outgoing.writeHead(answer.status, Object.fromEntries(headers));
  outgoing.write(half, () => outgoing.socket?.destroy());
  return new Response(null, { status: answer.status, headers: ALREADY_SENT });
}

/** Stops reading an upload and never answers; when released or abandoned by the client, drops the connection. */
export async function stallUpload(c: Context, deps: MockDeps): Promise<Response> {
  const incoming = nodeIncoming(c);
  incoming?.pause();
  const gone = incoming
    ? new Promise<void>((done) => incoming.socket.once('close', () => done()))
    : undefined;
  await Promise.race([deps.faults.stall(), ...(gone ? [gone] : [])]);
  return dropBefore(c);
}
