import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { signAccessToken } from '../signing/jwt.js';
import { makeTestMock, T0 } from '../test-kit.js';

const claims = (aud: string, exp: number) => ({
  aud,
  jti: 'x',
  iat: T0 / 1000 - 10,
  nbf: T0 / 1000 - 10,
  exp,
  sub: '',
  scopes: ['customer:read'],
});

describe('x-mock-auth on a 401', async () => {
  const mock = await makeTestMock();
  const path = `/api/external/customer/${DEMO_IDS.individual}`;
  const secret = mock.deps.config.signingSecret;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it.each([
    ['no credential', {}, /^rejected: no credential/],
    ['a malformed header', { authorization: 'Token abc' }, /^rejected: malformed Authorization header/],
    ['a garbage token', bearer('abc'), /^rejected: malformed token/],
    [
      'another signing key',
      bearer(signAccessToken(claims('mock-client', T0 / 1000 + 900), 'other')),
      /bad signature/,
    ],
    [
      'an expired token',
      bearer(signAccessToken(claims('mock-client', T0 / 1000 - 1), secret)),
      /token expired/,
    ],
    [
      'an unknown client',
      bearer(signAccessToken(claims('ghost', T0 / 1000 + 900), secret)),
      /unknown client ghost/,
    ],
    ['an unknown legacy key', { 'x-blaaiz-api-key': 'nope' }, /unknown legacy key/],
  ])('explains %s, the body staying the API one', async (_label, headers, reason) => {
    const res = await mock.call('GET', path, { headers });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ status: false, message: 'Invalid or missing access token' });
    expect(res.headers.get('x-mock-auth')).toMatch(reason);
  });

  it('still names the client on a success', async () => {
    const res = await mock.call('GET', path, { token: await mock.token('mock-client', 'customer:read') });
    expect(res.headers.get('x-mock-auth')).toBe('token mock-client');
  });
});
