import { afterEach, describe, expect, it } from 'vitest';
import { ALL_SCOPES } from '../core/scopes.js';
import { DEMO_IDS } from '../demo-data.js';
import { signAccessToken } from '../signing/jwt.js';
import { makeTestMock, T0 } from '../test-kit.js';

const form = (fields: Record<string, string>) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe('POST /oauth/token', async () => {
  const mock = await makeTestMock();
  afterEach(() => mock.resetClock());
  const good = { grant_type: 'client_credentials', client_id: 'mock-client', client_secret: 'mock-secret' };

  it('issues a Bearer token for a form body, valid 900 seconds', async () => {
    const res = await mock.call(
      'POST',
      '/oauth/token',
      form({ ...good, scope: 'customer:read file:upload' }),
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    const payload = JSON.parse(Buffer.from(res.json.access_token.split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({
      aud: 'mock-client',
      scopes: ['customer:read', 'file:upload'],
      exp: T0 / 1000 + 900,
    });
  });

  it('accepts a JSON body and HTTP Basic client authentication', async () => {
    expect(
      (await mock.call('POST', '/oauth/token', { body: { ...good, scope: 'customer:read' } })).status,
    ).toBe(200);
    const basic = Buffer.from('mock-client:mock-secret').toString('base64');
    const res = await mock.call('POST', '/oauth/token', {
      ...form({ grant_type: 'client_credentials' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ['a wrong secret', { ...good, client_secret: 'nope' }, 401, 'invalid_client'],
    ['an unknown client', { ...good, client_id: 'ghost' }, 401, 'invalid_client'],
    ['no grant_type', { client_id: 'mock-client', client_secret: 'mock-secret' }, 400, 'invalid_request'],
    ['another grant type', { ...good, grant_type: 'password' }, 400, 'invalid_request'],
    [
      'no client_secret',
      { grant_type: 'client_credentials', client_id: 'mock-client' },
      400,
      'invalid_request',
    ],
    ['a bundle-name scope', { ...good, scope: 'full-access' }, 400, 'invalid_scope'],
    ['a misspelt scope', { ...good, scope: 'customer:read files:upload' }, 400, 'invalid_scope'],
  ])('refuses %s', async (_label, fields, status, error) => {
    const res = await mock.call('POST', '/oauth/token', form(fields));
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ error });
    expect(typeof res.json.message).toBe('string');
    expect(typeof res.json.error_description).toBe('string');
  });

  it('drops real scopes a restricted client does not hold, as the live API does, and keeps the rest', async () => {
    const sdkDefaults = ALL_SCOPES.join(' ');
    const res = await mock.call(
      'POST',
      '/oauth/token',
      form({
        ...good,
        client_id: 'mock-no-upload',
        client_secret: 'mock-no-upload-secret',
        scope: sdkDefaults,
      }),
    );
    expect(res.status).toBe(200);
    const payload = JSON.parse(Buffer.from(res.json.access_token.split('.')[1], 'base64url').toString());
    expect(payload.scopes).toEqual(await mock.read((s) => s.clients.get('mock-no-upload')?.scopes));
    expect(payload.scopes).not.toContain('file:upload');
  });

  it('answers malformed JSON with invalid_request, not a 500', async () => {
    const res = await mock.call('POST', '/oauth/token', {
      rawBody: '{"grant_type":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid_request');
  });

  it('names the invalid scope message as the live API does', async () => {
    const res = await mock.call('POST', '/oauth/token', form({ ...good, scope: 'full-access' }));
    expect(res.json.message).toBe('Invalid scope(s) provided');
  });
});

describe('credentials on /api/external/*', async () => {
  const mock = await makeTestMock();
  afterEach(() => mock.resetClock());
  const path = `/api/external/customer/${DEMO_IDS.individual}`;
  const secret = mock.deps.config.signingSecret;

  it.each([
    ['no credentials', {}],
    ['a malformed header', { authorization: 'Token abc' }],
    ['a garbage token', { authorization: 'Bearer abc.def.ghi' }],
    [
      'a token signed with another key',
      {
        authorization: `Bearer ${signAccessToken({ aud: 'mock-client', jti: 'x', iat: T0 / 1000, nbf: T0 / 1000, exp: T0 / 1000 + 900, sub: '', scopes: ['customer:read'] }, 'other')}`,
      },
    ],
    [
      'an expired token',
      {
        authorization: `Bearer ${signAccessToken({ aud: 'mock-client', jti: 'x', iat: 0, nbf: 0, exp: T0 / 1000 - 1, sub: '', scopes: ['customer:read'] }, secret)}`,
      },
    ],
    ['a wrong legacy key', { 'x-blaaiz-api-key': 'nope' }],
  ])('answers 401 for %s', async (_label, headers) => {
    const res = await mock.call('GET', path, { headers });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ status: false, message: 'Invalid or missing access token' });
  });

  it('accepts the legacy x-blaaiz-api-key with full access', async () => {
    const res = await mock.call('GET', path, { headers: { 'x-blaaiz-api-key': 'mock-legacy-key' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-mock-auth')).toBe('legacy-key');
  });

  it('answers 403 naming the missing scope', async () => {
    const token = await mock.token('mock-client', 'customer:write');
    const res = await mock.call('GET', path, { token });
    expect(res.status).toBe(403);
    expect(res.json.message).toContain('customer:read');
  });

  it('answers 403 for a token from an empty scope, saying the token holds no scopes', async () => {
    const token = await mock.token('mock-client', '');
    const res = await mock.call('GET', path, { token });
    expect(res.status).toBe(403);
    expect(res.json.message).toMatch(/holds no scopes/);
    expect(res.json.message).toContain('customer:read');
  });

  it('expires tokens on the virtual clock', async () => {
    const token = await mock.token('mock-client', 'customer:read');
    expect((await mock.call('GET', path, { token })).status).toBe(200);
    await mock.advance(900);
    expect((await mock.call('GET', path, { token })).status).toBe(401);
  });

  it('forgets verified tokens on reset: a token issued ahead on the virtual clock is refused after it', async () => {
    await mock.advance(3600);
    const token = await mock.token('mock-client', 'customer:read');
    expect((await mock.call('GET', path, { token })).status).toBe(200);
    await mock.call('POST', '/__mock/reset');
    expect((await mock.call('GET', path, { token })).status).toBe(401);
  });

  it('accepts tokens issued by another instance with the same secret (stateless)', async () => {
    const other = await makeTestMock({ config: { signingSecret: mock.deps.config.signingSecret } });
    const token = await other.token('mock-client', 'customer:read');
    expect((await mock.call('GET', path, { token })).status).toBe(200);
    const stranger = await makeTestMock();
    const foreign = await stranger.token('mock-client', 'customer:read');
    expect((await mock.call('GET', path, { token: foreign })).status).toBe(401);
  });
});
