import { lifetimeProblem, type TokenCheck, verifyAccessToken } from './jwt.js';

/** Verifies access tokens, remembering good signatures so a client's repeated calls skip the HMAC. */
export interface TokenVerifier {
  /** The token's claims at virtual time `nowMs`, or why it is refused; the lifetime is checked every time. */
  verify(token: string, nowMs: number): TokenCheck;
  /** Forgets every remembered token (after a reset). */
  clear(): void;
}

/** Most verified tokens remembered; past it the memo starts afresh. */
const REMEMBERED_MAX = 10_000;

/** A verifier of tokens signed with `secret`, with its own memo (one per instance). */
export function createTokenVerifier(secret: string): TokenVerifier {
  const remembered = new Map<string, TokenCheck & { ok: true }>();
  return {
    verify(token, nowMs) {
      const known = remembered.get(token);
      if (known) {
        const problem = lifetimeProblem(known.claims, nowMs);
        return problem ? { ok: false, reason: problem } : known;
      }
      const check = verifyAccessToken(token, secret, nowMs);
      if (!check.ok) return check;
      if (remembered.size >= REMEMBERED_MAX) remembered.clear();
      remembered.set(token, check);
      return check;
    },
    clear: () => remembered.clear(),
  };
}
