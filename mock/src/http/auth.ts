import type { Context, MiddlewareHandler } from 'hono';
import type { MockDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { requestHeader } from './body.js';

/** Who made a request: an OAuth client through its token, or the deprecated full-access key. */
export type Principal = { kind: 'token'; clientId: string; scopes: string[] } | { kind: 'legacy-key' };

function missingScopeMessage(scope: string, held: string[]): string {
  if (held.length === 0) {
    return `This action requires the ${scope} scope, but the access token holds no scopes at all: request scopes with the scope parameter when asking for a token (an omitted or empty scope yields a token without scopes).`;
  }
  return `This action requires the ${scope} scope, which the access token does not hold.`;
}

/** Identifies the caller from `Authorization: Bearer …` or `x-blaaiz-api-key`; 401 when neither is valid. */
export async function authenticate(
  deps: MockDeps,
  authorization: string | undefined,
  apiKey: string | undefined,
): Promise<Principal> {
  if (apiKey !== undefined && authorization === undefined) {
    const known = await deps.store.transact((state) => state.legacyKeys.has(apiKey));
    if (known) return { kind: 'legacy-key' };
    throw ApiError.of('unauthenticated');
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) throw ApiError.of('unauthenticated');
  const check = deps.tokens.verify(match[1], deps.clock.now());
  if (!check.ok) throw ApiError.of('unauthenticated');
  const { aud, scopes } = check.claims;
  // A well-signed token is still refused once its client is not one the platform knows.
  if (!(await deps.store.transact((state) => state.clients.has(aud)))) throw ApiError.of('unauthenticated');
  return { kind: 'token', clientId: aud, scopes };
}

function enforceRateLimit(c: Context, deps: MockDeps, principal: Principal): void {
  const key = principal.kind === 'token' ? `client:${principal.clientId}` : 'legacy-key';
  const decision = deps.rateLimiter.hit(key, deps.clock.now());
  c.header('X-RateLimit-Limit', String(decision.limit));
  c.header('X-RateLimit-Remaining', String(decision.remaining));
  c.header('X-RateLimit-Reset', String(decision.resetAt));
  if (decision.allowed) return;
  c.header('Retry-After', String(decision.retryAfterSeconds));
  throw ApiError.of('rateLimited');
}

/**
 * Guards an operation: authenticates the caller and requires the scope `openapi.yaml` names for
 * `operationId` (401 without a valid credential, 403 without the scope, the message naming it), and
 * counts the request against the client's rate limit when that is enforced.
 */
export function requireScope(deps: MockDeps, operationId: string): MiddlewareHandler {
  const scope = deps.validator.scopeOf(operationId);
  return async (c, next) => {
    const principal = await authenticate(
      deps,
      requestHeader(c, 'authorization'),
      requestHeader(c, 'x-blaaiz-api-key'),
    );
    c.header('x-mock-auth', principal.kind === 'token' ? `token ${principal.clientId}` : 'legacy-key');
    if (deps.config.rateLimit) enforceRateLimit(c, deps, principal);
    if (principal.kind === 'token' && scope !== undefined && !principal.scopes.includes(scope)) {
      throw new ApiError(403, missingScopeMessage(scope, principal.scopes));
    }
    await next();
  };
}
