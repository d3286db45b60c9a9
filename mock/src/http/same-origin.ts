import type { MiddlewareHandler } from 'hono';
import type { MockDeps } from '../deps.js';
import { ApiError } from '../errors.js';

const REFUSED = 'Inspector actions accept form posts from the inspector page itself only (same origin).';

/** The origins the inspector is served from: the API's base URL, and its loopback aliases. */
function ownOrigins(deps: MockDeps): Set<string> {
  const api = new URL(deps.urls.api);
  const origins = new Set([api.origin]);
  if (['127.0.0.1', 'localhost', '[::1]'].includes(api.hostname))
    for (const host of ['127.0.0.1', 'localhost', '[::1]'])
      origins.add(`${api.protocol}//${host}:${api.port}`);
  return origins;
}

/**
 * Guards the inspector's `POST /__mock/ui/...` actions: a urlencoded form, sent by a browser from the
 * mock's own origin (`Sec-Fetch-Site: same-origin` when sent, `Origin` one of the API's own). A page of
 * another site, or one reached through a rebound DNS name, is refused with 403.
 */
export function sameOriginForms(deps: MockDeps): MiddlewareHandler {
  return async (c, next) => {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    if (site === undefined && origin === undefined) throw new ApiError(403, REFUSED);
    if (site !== undefined && site !== 'same-origin') throw new ApiError(403, REFUSED);
    if (origin !== undefined && !ownOrigins(deps).has(origin)) throw new ApiError(403, REFUSED);
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded')
      throw ApiError.of(
        'unsupportedMedia',
        'Inspector actions take application/x-www-form-urlencoded forms.',
      );
    await next();
  };
}
