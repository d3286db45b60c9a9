import type { IncomingHttpHeaders } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { MockDeps } from '../deps.js';
import { nodeIncoming, readRequestBody, requestHeader } from './body.js';
import type { JournalEntry } from './journal.js';
import { journalBody, redactHeaders, redactQuery } from './redact.js';
import { customerNoted, faultOf, requestTextOf, responseBodyOf, uploadOf } from './request-notes.js';
import { type Face, requestOperation } from './request-operation.js';

/** What a request leaves behind on the hot path: references only; parsing and redaction wait for a reader. */
interface Pieces {
  at: number;
  latency: number;
  face: Face;
  method: string;
  url: string;
  operationId: string | null;
  params: Record<string, string>;
  requestHeaders: IncomingHttpHeaders | Headers;
  requestText: string | undefined;
  upload: unknown;
  customer: string | undefined;
  status: number;
  response: Response;
  responseBody: string | undefined;
  fault: { id: string; action: string } | undefined;
}

function field(value: unknown, ...path: string[]): unknown {
  let at = value;
  for (const name of path)
    at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[name] : undefined;
  return at;
}

const asString = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

function basicClient(header: string | undefined): string | null {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  return asString(decodeURIComponent(Buffer.from(match[1], 'base64').toString('utf8').split(':')[0] ?? ''));
}

/** Builds the journal entry from its pieces: the first time the journal is read, not while serving. */
function buildEntry(p: Pieces): Omit<JournalEntry, 'seq'> {
  const requestHeaders = redactHeaders(p.requestHeaders);
  const rawHeaders =
    p.requestHeaders instanceof Headers ? Object.fromEntries(p.requestHeaders) : p.requestHeaders;
  const type = rawHeaders['content-type'];
  const request =
    p.upload ?? (p.requestText === undefined ? null : journalBody(p.requestText, type?.toString()));
  const headers = p.response.headers;
  const noted = p.responseBody;
  const size = headers.get('content-length');
  const response =
    noted !== undefined
      ? journalBody(noted, headers.get('content-type') ?? undefined)
      : size === null
        ? null
        : { size: Number(size) };
  const url = new URL(p.url);
  const auth = /^token (.+)$/.exec(headers.get('x-mock-auth') ?? '');
  const client =
    p.operationId === 'issueToken'
      ? (asString(field(request, 'client_id')) ?? basicClient(rawHeaders.authorization?.toString()))
      : (auth?.[1] ?? null);
  const onCustomer = p.params.id !== undefined && url.pathname.startsWith('/api/external/customer/');
  const created = p.method === 'POST' && url.pathname === '/api/external/customer';
  return {
    at: new Date(p.at).toISOString(),
    face: p.face,
    method: p.method,
    path: url.pathname,
    query: redactQuery(url.searchParams),
    operationId: p.operationId,
    client_id: client,
    customer_id:
      (onCustomer ? p.params.id : undefined) ??
      asString(field(request, 'customer_id')) ??
      p.customer ??
      (created ? asString(field(response, 'data', 'id')) : null),
    status: p.status,
    latency_ms: p.latency,
    request: { headers: requestHeaders, body: request },
    response: { headers: redactHeaders(headers), body: response },
    fault: p.fault ? { ...p.fault } : null,
  };
}

/** Whether the API request declares a body no handler read (a 401 before the body, a 404 route). */
function unreadBody(c: Context): boolean {
  if (requestTextOf(c) !== undefined || faultOf(c)) return false;
  const incoming = nodeIncoming(c);
  if (!incoming) return c.req.raw.body !== null && !c.req.raw.bodyUsed;
  if (incoming.destroyed) return false;
  // Node's own parse of the headers: `c.req.header` would build a Fetch `Headers` for two lookups.
  const length = requestHeader(c, 'content-length');
  return (length !== undefined && length !== '0') || requestHeader(c, 'transfer-encoding') !== undefined;
}

/**
 * Records every request of one listener in `deps.journal` (README "Request journal"): what was sent and
 * answered, secrets redacted, uploads as size and MD5. The mock's own `/__mock/*` controls are left out.
 * The answer is never read back (the bodies are the ones `respond`, `errorResponse` and `s3Error` noted).
 */
export function journalRequests(deps: MockDeps, face: Face): MiddlewareHandler {
  return async (c, next) => {
    if (deps.journal.capacity === 0 || c.req.path.startsWith('/__mock/')) return next();
    const started = performance.now();
    const at = deps.clock.now();
    await next();
    // What was sent is journaled even when the answer came first (read beside the answer, never delaying
    // it); an upload is never buffered for it.
    const late =
      face === 'api' && unreadBody(c) ? readRequestBody(c).then(() => requestTextOf(c)) : undefined;
    const match = requestOperation(c, face);
    const fault = faultOf(c);
    const pieces: Pieces = {
      at,
      latency: Math.round((performance.now() - started) * 10) / 10,
      face,
      method: c.req.method,
      url: c.req.url,
      operationId: match?.operationId ?? null,
      params: match?.params ?? {},
      requestHeaders: nodeIncoming(c)?.headers ?? c.req.raw.headers,
      requestText: requestTextOf(c),
      upload: uploadOf(c),
      customer: customerNoted(c),
      // No answer reached the client when a fault cut the connection first or stalled it.
      status: /drop before|stall/.test(fault?.action ?? '') ? 0 : c.res.status,
      response: c.res,
      responseBody: responseBodyOf(c),
      fault,
    };
    late?.then(
      (text) => {
        pieces.requestText = text;
      },
      () => undefined,
    );
    deps.journal.record(() => buildEntry(pieces));
  };
}

/** Exposed for tests of the entry's shape without a server. */
export { buildEntry as buildJournalEntry };
