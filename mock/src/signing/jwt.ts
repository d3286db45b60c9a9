import { createHmac, timingSafeEqual } from 'node:crypto';

/** Claims carried by a mock access token (Passport-like: `aud` is the client id, `scopes` an array). */
export interface TokenClaims {
  aud: string;
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
  sub: string;
  scopes: string[];
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: string };

const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function sign(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

/** Signs claims into a compact HS256 JWT; any instance holding the same secret can verify it. */
export function signAccessToken(claims: TokenClaims, secret: string): string {
  const body = `${header}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${sign(body, secret).toString('base64url')}`;
}

/**
 * Decodes a JWT segment strictly (RFC 7515): the base64url alphabet only, no `=` padding, and the
 * canonical encoding of its bytes (no stray trailing bits); anything else is not a segment.
 */
export function decodeSegment(segment: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(segment) || segment.length % 4 === 1) return undefined;
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : undefined;
}

function parseJson(segment: string): unknown {
  const bytes = decodeSegment(segment);
  if (!bytes) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.aud === 'string' &&
    typeof v.exp === 'number' &&
    typeof v.nbf === 'number' &&
    Array.isArray(v.scopes) &&
    v.scopes.every((s) => typeof s === 'string')
  );
}

/** Verifies signature, algorithm and lifetime of a token statelessly, at virtual time `nowMs`. */
export function verifyAccessToken(token: string, secret: string, nowMs: number): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed token' };
  const [head = '', payload = '', signature = ''] = parts;
  const decodedHeader = parseJson(head) as { alg?: unknown } | undefined;
  if (decodedHeader?.alg !== 'HS256') return { ok: false, reason: 'unsupported algorithm' };
  const expected = sign(`${head}.${payload}`, secret);
  const given = decodeSegment(signature);
  if (!given || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad signature' };
  }
  const claims = parseJson(payload);
  if (!isClaims(claims)) return { ok: false, reason: 'malformed claims' };
  const problem = lifetimeProblem(claims, nowMs);
  return problem ? { ok: false, reason: problem } : { ok: true, claims };
}

/** Seconds a token may be used before its `nbf`, for clocks slightly apart. */
const NBF_LEEWAY_SECONDS = 60;

/** The lifetime rule of tokens: why `claims` are not valid at `nowMs` (expired, not yet valid), or undefined. */
export function lifetimeProblem(claims: Pick<TokenClaims, 'exp' | 'nbf'>, nowMs: number): string | undefined {
  const nowSeconds = Math.floor(nowMs / 1000);
  if (claims.exp <= nowSeconds) return 'expired';
  if (claims.nbf > nowSeconds + NBF_LEEWAY_SECONDS) return 'not yet valid';
  return undefined;
}
