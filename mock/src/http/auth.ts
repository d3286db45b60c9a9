import type { Context, MiddlewareHandler } from 'hono';
import { type MockDeps, settleToClock } from '../deps.js';
import { ApiError } from '../errors.js';
import { type TokenClaims, verifyAccessToken } from '../signing/jwt.js';
import { explainUnauthenticated } from './auth-diagnostic.js';
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
export function authenticate(
  deps: MockDeps,
  authorization: string | undefined,
  apiKey: string | undefined,
): Principal {
  if (apiKey !== undefined && authorization === undefined) {
    if (deps.state.legacyKeys.has(apiKey)) return { kind: 'legacy-key' };
    throw ApiError.of('unauthenticated');
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) throw ApiError.of('unauthenticated');
  const claims = verifiedClaims(deps, match[1]);
  if (!deps.state.clients.has(claims.aud)) throw ApiError.of('unauthenticated');
  return { kind: 'token', clientId: claims.aud, scopes: claims.scopes };
}

/** Most verified tokens remembered; past it the memo starts afresh. */
const VERIFIED_TOKENS_MAX = 10_000;

/** Claims of a valid token; a token verified before skips the signature check, never the expiry check. */
function verifiedClaims(deps: MockDeps, token: string): TokenClaims {
  const now = deps.clock.now();
  const seconds = Math.floor(now / 1000);
  const known = deps.verifiedTokens.get(token);
  if (known && known.exp > seconds && known.nbf <= seconds + 60) return known;
  const check = verifyAccessToken(token, deps.config.signingSecret, now);
  if (!check.ok) throw ApiError.of('unauthenticated');
  if (deps.verifiedTokens.size >= VERIFIED_TOKENS_MAX) deps.verifiedTokens.clear();
  deps.verifiedTokens.set(token, check.claims);
  return check.claims;
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
 * counts the request against the client's rate limit when that is enforced. Every API operation passes
 * here, so this is also where the state is brought up to the virtual clock.
 */
export function requireScope(deps: MockDeps, operationId: string): MiddlewareHandler {
  const scope = deps.validator.scopeOf(operationId);
  return async (c, next) => {
    settleToClock(deps);
    const [authorization, apiKey] = [requestHeader(c, 'authorization'), requestHeader(c, 'x-blaaiz-api-key')];
    let principal: Principal;
    try {
      principal = authenticate(deps, authorization, apiKey);
    } catch (error) {
      c.header('x-mock-auth', explainUnauthenticated(deps, authorization, apiKey));
      throw error;
    }
    c.header('x-mock-auth', principal.kind === 'token' ? `token ${principal.clientId}` : 'legacy-key');
    if (deps.config.rateLimit) enforceRateLimit(c, deps, principal);
    if (principal.kind === 'token' && scope !== undefined && !principal.scopes.includes(scope)) {
      throw new ApiError(403, missingScopeMessage(scope, principal.scopes));
    }
    await next();
  };
}
