import type { Context, MiddlewareHandler } from 'hono';
import type { MockDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { noteHeader } from './answer-headers.js';
import { type AuthRefusal, describeRefusal } from './auth-diagnostic.js';
import { requestHeader } from './body.js';

/** Who made a request: an OAuth client through its token, or the deprecated full-access key. */
export type Principal = { kind: 'token'; clientId: string; scopes: string[] } | { kind: 'legacy-key' };

function missingScopeMessage(scope: string, held: string[]): string {
  if (held.length === 0) {
    return `This action requires the ${scope} scope, but the access token holds no scopes at all: request scopes with the scope parameter when asking for a token (an omitted or empty scope yields a token without scopes).`;
  }
  return `This action requires the ${scope} scope, which the access token does not hold.`;
}

/** The caller, or why its credential was refused. */
export type AuthOutcome = { ok: true; principal: Principal } | { ok: false; refusal: AuthRefusal };

/** Identifies the caller from `Authorization: Bearer …` or `x-blaaiz-api-key`, or says why it cannot. */
export async function authenticate(
  deps: MockDeps,
  authorization: string | undefined,
  apiKey: string | undefined,
): Promise<AuthOutcome> {
  if (authorization === undefined) {
    if (apiKey === undefined) return { ok: false, refusal: { kind: 'no-credential' } };
    const known = await deps.store.transact((state) => state.legacyKeys.has(apiKey));
    return known
      ? { ok: true, principal: { kind: 'legacy-key' } }
      : { ok: false, refusal: { kind: 'unknown-key' } };
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) return { ok: false, refusal: { kind: 'malformed-header' } };
  const check = deps.tokens.verify(match[1], deps.clock.now());
  if (!check.ok) return { ok: false, refusal: { kind: 'token', reason: check.reason } };
  const { aud, scopes } = check.claims;
  // A well-signed token is still refused once its client is not one the platform knows.
  if (!(await deps.store.transact((state) => state.clients.has(aud)))) {
    return { ok: false, refusal: { kind: 'unknown-client', clientId: aud } };
  }
  return { ok: true, principal: { kind: 'token', clientId: aud, scopes } };
}

function enforceRateLimit(c: Context, deps: MockDeps, principal: Principal): void {
  const key = principal.kind === 'token' ? `client:${principal.clientId}` : 'legacy-key';
  const decision = deps.rateLimiter.hit(key, deps.clock.now());
  noteHeader(c, 'X-RateLimit-Limit', String(decision.limit));
  noteHeader(c, 'X-RateLimit-Remaining', String(decision.remaining));
  noteHeader(c, 'X-RateLimit-Reset', String(decision.resetAt));
  if (decision.allowed) return;
  noteHeader(c, 'Retry-After', String(decision.retryAfterSeconds));
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
    const outcome = await authenticate(
      deps,
      requestHeader(c, 'authorization'),
      requestHeader(c, 'x-blaaiz-api-key'),
    );
    if (!outcome.ok) {
      // The body stays the live API's; the diagnostic header says which refusal it was.
      noteHeader(c, 'x-mock-auth', describeRefusal(outcome.refusal));
      throw ApiError.of('unauthenticated');
    }
    const { principal } = outcome;
    noteHeader(c, 'x-mock-auth', principal.kind === 'token' ? `token ${principal.clientId}` : 'legacy-key');
    if (deps.config.rateLimit) enforceRateLimit(c, deps, principal);
    if (principal.kind === 'token' && scope !== undefined && !principal.scopes.includes(scope)) {
      throw new ApiError(403, missingScopeMessage(scope, principal.scopes));
    }
    await next();
  };
}
