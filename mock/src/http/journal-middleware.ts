import type { Context, MiddlewareHandler } from 'hono';
import type { MockDeps } from '../deps.js';
import { nodeIncoming } from './body.js';
import type { JournalEntry } from './journal.js';
import { journalBody, redactHeaders, redactQuery } from './redact.js';
import { customerNoted, faultOf, requestTextOf, uploadOf } from './request-notes.js';
import { type Face, requestOperation } from './request-operation.js';

const TEXT_TYPES = /json|xml|^text\//i;
/** Largest answer read for the journal; a bigger one is recorded by its size. */
const MAX_READ_BYTES = 1024 * 1024;

function field(value: unknown, ...path: string[]): unknown {
  let at = value;
  for (const name of path)
    at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[name] : undefined;
  return at;
}

const asString = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** The answer's body for the journal; a text body is read once and the answer rebuilt from it (no tee). */
async function responseBody(c: Context): Promise<unknown> {
  const res = c.res;
  if (res.headers.has('x-hono-already-sent') || res.body === null) return null;
  if (faultOf(c)?.action.includes('drop')) return null; // a body that fails on purpose is not read here
  const type = res.headers.get('content-type') ?? '';
  const size = res.headers.get('content-length');
  // Downloads stream from disk: they are journaled by size, never read into memory.
  if (!TEXT_TYPES.test(type) || (size !== null && Number(size) > MAX_READ_BYTES))
    return size === null ? null : { size: Number(size) };
  const text = await res.text();
  c.res = new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  return journalBody(text, type);
}

function basicClient(header: string | undefined): string | null {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  return asString(decodeURIComponent(Buffer.from(match[1], 'base64').toString('utf8').split(':')[0] ?? ''));
}

function clientOf(c: Context, operationId: string | null, request: unknown): string | null {
  if (operationId === 'issueToken')
    return asString(field(request, 'client_id')) ?? basicClient(c.req.header('authorization'));
  const auth = /^token (.+)$/.exec(c.res.headers.get('x-mock-auth') ?? '');
  return auth?.[1] ?? null;
}

function customerOf(c: Context, params: Record<string, string>, request: unknown, response: unknown) {
  if (params.id !== undefined && c.req.path.startsWith('/api/external/customer/')) return params.id;
  return (
    asString(field(request, 'customer_id')) ??
    customerNoted(c) ??
    asString(field(response, 'data', 'customer_id')) ??
    (c.req.method === 'POST' && c.req.path === '/api/external/customer'
      ? asString(field(response, 'data', 'id'))
      : null)
  );
}

/** The status a client saw: none (0) when a fault cut the connection before any answer or stalled it. */
function seenStatus(c: Context): number {
  const action = faultOf(c)?.action ?? '';
  return /drop before|stall/.test(action) ? 0 : c.res.status;
}

/**
 * Records every request of one listener in `deps.journal` (README "Request journal"): what was sent and
 * answered, secrets redacted, uploads as size and MD5. The mock's own `/__mock/*` controls are left out.
 */
export function journalRequests(deps: MockDeps, face: Face): MiddlewareHandler {
  return async (c, next) => {
    if (deps.journal.capacity === 0 || c.req.path.startsWith('/__mock/')) return next();
    const started = performance.now();
    const at = deps.clock.now();
    await next();
    const latency = Math.round((performance.now() - started) * 10) / 10;
    const match = requestOperation(c, face);
    const operationId = match?.operationId ?? null;
    const text = requestTextOf(c);
    const upload = uploadOf(c);
    const requestBody =
      upload ?? (text === undefined ? null : journalBody(text, c.req.header('content-type')));
    const body = await responseBody(c).catch(() => null);
    const url = new URL(c.req.url);
    const fault = faultOf(c);
    const entry: Omit<JournalEntry, 'seq'> = {
      at: new Date(at).toISOString(),
      face,
      method: c.req.method,
      path: c.req.path,
      query: redactQuery(url.searchParams),
      operationId,
      client_id: clientOf(c, operationId, requestBody),
      customer_id: customerOf(c, match?.params ?? {}, requestBody, body),
      status: seenStatus(c),
      latency_ms: latency,
      request: { headers: redactHeaders(nodeIncoming(c)?.headers ?? c.req.raw.headers), body: requestBody },
      response: { headers: redactHeaders(c.res.headers), body },
      fault: fault ? { ...fault } : null,
    };
    deps.journal.record(entry);
  };
}
