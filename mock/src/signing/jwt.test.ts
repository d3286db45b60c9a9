import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signAccessToken, type TokenClaims, verifyAccessToken } from './jwt.js';

const secret = 'test-secret';
const now = Date.UTC(2026, 10, 27, 12, 0, 0);
const claims: TokenClaims = {
  aud: 'mock-client',
  jti: 'j1',
  iat: now / 1000,
  nbf: now / 1000,
  exp: now / 1000 + 900,
  sub: '',
  scopes: ['file:upload'],
};

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function forge(head: unknown, body: unknown, key: string): string {
  const input = `${b64(head)}.${b64(body)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

describe('access tokens', () => {
  const token = signAccessToken(claims, secret);

  it('verifies a token it signed, with its claims', () => {
    expect(verifyAccessToken(token, secret, now)).toEqual({ ok: true, claims });
  });

  it('is accepted by another verifier holding the same secret (stateless)', () => {
    expect(verifyAccessToken(token, `${secret}`, now + 1000).ok).toBe(true);
  });

  it.each([
    ['expired at exp', token, now + 900_000, 'expired'],
    ['signed with another key', signAccessToken(claims, 'other'), now, 'bad signature'],
    ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`, now, 'unsupported algorithm'],
    ['alg none with HS256 signature', forge({ alg: 'none' }, claims, secret), now, 'unsupported algorithm'],
    [
      'edited scopes',
      `${token.split('.')[0]}.${b64({ ...claims, scopes: ['customer:write'] })}.${token.split('.')[2]}`,
      now,
      'bad signature',
    ],
    [
      'edited expiry',
      `${token.split('.')[0]}.${b64({ ...claims, exp: claims.exp + 9999 })}.${token.split('.')[2]}`,
      now,
      'bad signature',
    ],
    ['two segments', 'a.b', now, 'malformed token'],
    ['garbage', 'not-a-token', now, 'malformed token'],
    ['claims that are not claims', forge({ alg: 'HS256' }, { aud: 1 }, secret), now, 'malformed claims'],
  ])('rejects a token %s', (_label, candidate, at, reason) => {
    expect(verifyAccessToken(candidate, secret, at)).toEqual({ ok: false, reason });
  });
});
