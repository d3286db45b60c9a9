import type { MockDeps } from '../deps.js';
import { verifyAccessToken } from '../signing/jwt.js';

/**
 * Why a request's credentials were refused, for the `x-mock-auth` header of a 401 (README "Mock
 * controls"): the body stays the live API's `Invalid or missing access token`, the header says which
 * of no credential, a malformed header, an unknown legacy key, a bad signature, an expired token or a
 * token of an unknown client it was.
 */
export function explainUnauthenticated(
  deps: MockDeps,
  authorization: string | undefined,
  apiKey: string | undefined,
): string {
  if (authorization === undefined) {
    if (apiKey === undefined) return 'rejected: no credential (send Authorization: Bearer <token>)';
    return 'rejected: unknown legacy key (x-blaaiz-api-key)';
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) return 'rejected: malformed Authorization header (expected "Bearer <token>")';
  const check = verifyAccessToken(match[1], deps.config.signingSecret, deps.clock.now());
  if (!check.ok) {
    if (check.reason === 'expired') return 'rejected: token expired (tokens last 900 s on the virtual clock)';
    if (check.reason === 'bad signature')
      return 'rejected: bad signature (issued by an instance with another signing secret, or edited)';
    return `rejected: ${check.reason}`;
  }
  if (!deps.state.clients.has(check.claims.aud)) return `rejected: unknown client ${check.claims.aud}`;
  return 'rejected: invalid credential';
}
