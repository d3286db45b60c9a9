import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { MockDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { nodeIncoming, requestHeader } from './body.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `host` (an interface to listen on) is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host === '::1' || /^127\./.test(host);
}

function portOf(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** An origin is the mock's own when it is a loopback address on one of the instance's own ports. */
function isOwnOrigin(deps: MockDeps, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (origin === url.origin && [deps.urls.api, deps.urls.storage].includes(url.origin)) return true;
  const ports = [deps.urls.api, deps.urls.storage].map((base) => portOf(new URL(base)));
  return origin === url.origin && LOOPBACK_HOSTS.has(url.hostname) && ports.includes(portOf(url));
}

function isJsonType(type: string): boolean {
  const media = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return media === 'application/json' || (media.startsWith('application/') && media.endsWith('+json'));
}

/** Whether the request announces a body (a length above zero, chunked transfer, or a web body). */
function hasBody(c: Parameters<MiddlewareHandler>[0]): boolean {
  const length = requestHeader(c, 'content-length');
  if (length !== undefined) return length.trim() !== '0';
  if (requestHeader(c, 'transfer-encoding') !== undefined) return true;
  return nodeIncoming(c) === undefined && c.req.raw.body !== null;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Read-only discovery a load balancer or a colleague may read without the admin token. */
const PUBLIC_READS = new Set(['/__mock/health', '/__mock/openapi.yaml', '/__mock/ca.pem']);

/** The inspector's pages and form actions: a browser cannot add a header, so it carries the token in a cookie. */
const UI_PATH = /^\/__mock\/ui(\/|$)/;
const UI_COOKIE = 'blaaiz_mock_admin';

/** The admin token a request carries: the Bearer header, or for the inspector its cookie. */
function givenToken(c: Context): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(requestHeader(c, 'authorization') ?? '')?.[1];
  if (bearer !== undefined || !UI_PATH.test(c.req.path)) return bearer;
  return getCookie(c, UI_COOKIE);
}

/**
 * `GET /__mock/ui?admin_token=T` with the right token: remembered in a same-site, script-proof cookie
 * scoped to the controls, and the page reloaded without the token in its address.
 */
function admitInspector(c: Context, token: string): Response | undefined {
  const offered = c.req.method === 'GET' && UI_PATH.test(c.req.path) ? c.req.query('admin_token') : undefined;
  if (offered === undefined || !sameToken(offered, token)) return undefined;
  setCookie(c, UI_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/__mock' });
  return c.redirect(c.req.path, 303);
}

/**
 * Keeps `/__mock/*` out of a web page's reach: a foreign `Origin` answers 403, a POST must be JSON (or
 * bodiless without a type; a CORS "simple" `text/plain` POST answers 415), and with an admin token
 * configured (always on a non-loopback host) the request must carry it as `Authorization: Bearer`,
 * except for the read-only health, spec and CA. The inspector (`/__mock/ui`) takes the token once in its
 * address (`?admin_token=`) and keeps it in a cookie, and posts forms its own guard checks.
 */
export function controlGuard(deps: MockDeps): MiddlewareHandler {
  return async (c, next) => {
    const origin = requestHeader(c, 'origin');
    if (origin !== undefined && !isOwnOrigin(deps, origin)) {
      throw new ApiError(
        403,
        'Mock controls refuse cross-origin requests: call them from a script, not a web page.',
      );
    }
    const token = deps.config.adminToken;
    const publicRead = c.req.method === 'GET' && PUBLIC_READS.has(c.req.path);
    if (token !== undefined && !publicRead) {
      const admitted = admitInspector(c, token);
      if (admitted) return admitted;
      const given = givenToken(c);
      if (given === undefined || !sameToken(given, token)) {
        throw new ApiError(
          401,
          'Mock controls require the admin token: send Authorization: Bearer <admin token>.',
        );
      }
    }
    // The inspector's form posts are checked by their own same-origin guard (`same-origin.ts`).
    if (c.req.method === 'POST' && !UI_PATH.test(c.req.path)) {
      const type = requestHeader(c, 'content-type');
      if (type === undefined ? hasBody(c) : !isJsonType(type)) {
        throw ApiError.of('unsupportedMedia', 'Mock controls accept only application/json bodies.');
      }
    }
    await next();
  };
}
