import { describe, expect, it } from 'vitest';
import { readyBanner } from '../../src/banner.js';
import { makeTestMock } from '../../src/test-kit.js';
import { mockControls } from '../../src/testing/controls.js';
import { startSocketMock } from './abuse-kit.js';

const EVIL = 'https://evil.example';

describe('/__mock/* cannot be driven by a web page', async () => {
  const mock = await makeTestMock();
  const token = await mock.token();
  const customers = () => mock.read((s) => s.customers.size);
  const reset = (headers: Record<string, string>, rawBody?: string) =>
    mock.call('POST', '/__mock/reset', { headers, ...(rawBody === undefined ? {} : { rawBody }) });

  it.each([
    [
      'a CORS simple text/plain POST from a foreign page',
      { 'content-type': 'text/plain', origin: EVIL },
      '{}',
      403,
    ],
    [
      'a form POST from a foreign page',
      { 'content-type': 'application/x-www-form-urlencoded', origin: EVIL },
      'a=1',
      403,
    ],
    ['JSON from a foreign page', { 'content-type': 'application/json', origin: EVIL }, '{}', 403],
    ['an opaque origin (sandboxed frame)', { 'content-type': 'application/json', origin: 'null' }, '{}', 403],
    ['a loopback page on another port', { origin: 'http://127.0.0.1:1' }, undefined, 403],
    ['text/plain without an origin', { 'content-type': 'text/plain' }, '{}', 415],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--', 415],
    ['a body without a content type', {}, '{"seconds":1}', 415],
  ])('%s is refused (%#) and resets nothing', async (_label, headers, rawBody, status) => {
    await mock.createIndividual(token);
    const before = await customers();
    const res = await reset(headers, rawBody);
    expect(res.status, res.text).toBe(status);
    expect(typeof res.json.message).toBe('string');
    expect(await customers()).toBe(before);
  });

  it('refuses a foreign origin on GET /__mock/state and on the clock too', async () => {
    expect((await mock.call('GET', '/__mock/state', { headers: { origin: EVIL } })).status).toBe(403);
    const advance = await mock.call('POST', '/__mock/clock/advance', {
      body: { seconds: 60 },
      headers: { origin: EVIL },
    });
    expect(advance.status).toBe(403);
    expect(await mock.read((s) => s.clockOffsetMs / 1000)).toBe(0);
  });

  it.each([
    ['JSON', { 'content-type': 'application/json' }, '{}'],
    ['JSON with a charset', { 'content-type': 'application/json; charset=utf-8' }, '{}'],
    ['bodiless, no content type', {}, undefined],
    ['bodiless with a JSON type', { 'content-type': 'application/json' }, undefined],
    ['the mock’s own origin', { 'content-type': 'application/json', origin: 'http://127.0.0.1:4010' }, '{}'],
    ['the API’s origin on localhost', { origin: 'http://localhost:4010' }, undefined],
  ])('accepts %s', async (_label, headers, rawBody) => {
    expect((await reset(headers, rawBody)).status).toBe(200);
  });
});

describe('the admin token', () => {
  it('is required once configured, as Authorization: Bearer', async () => {
    const mock = await makeTestMock({ config: { adminToken: 'let-me-in' } });
    expect((await mock.call('POST', '/__mock/reset')).status).toBe(401);
    expect((await mock.call('POST', '/__mock/reset', { token: 'wrong' })).status).toBe(401);
    expect((await mock.call('GET', '/__mock/state', { token: 'let-me-in' })).status).toBe(200);
    expect((await mock.call('POST', '/__mock/reset', { token: 'let-me-in' })).status).toBe(200);
  });

  it('is not needed to read the health, the spec or the CA, but is for the state', async () => {
    const mock = await makeTestMock({ config: { adminToken: 'let-me-in' } });
    expect((await mock.call('GET', '/__mock/health')).json).toMatchObject({ status: 'ready' });
    expect((await mock.call('GET', '/__mock/openapi.yaml')).text).toMatch(/^openapi: 3\.1/m);
    expect((await mock.call('GET', '/__mock/state')).status).toBe(401);
    expect((await mock.call('POST', '/__mock/health')).status).toBe(401);
  });

  it('is generated when listening beyond loopback, printed with a warning, and used by the controls', async () => {
    const mock = await startSocketMock({ host: '0.0.0.0' });
    try {
      const adminToken = mock.running.adminToken as string;
      expect(adminToken).toMatch(/^[\w-]{40,}$/);
      expect((await mock.send('/__mock/reset', { method: 'POST' })).status).toBe(401);
      await expect(mockControls(mock.running.baseUrl).reset()).rejects.toThrow(/401/);
      await mockControls(mock.running.baseUrl, adminToken).advanceClock(5);
      expect(await mock.running.deps.store.transact((state) => state.clockOffsetMs)).toBe(5000);
      const banner = await mock.running.deps.store.transact((state) =>
        readyBanner(mock.running, state, '0.0.0.0'),
      );
      expect(banner).toContain(`Authorization: Bearer ${adminToken}`);
      expect(banner).toMatch(/WARNING: listening beyond this machine/);
    } finally {
      await mock.close();
    }
  });

  it('is not needed, nor warned about, on loopback', async () => {
    const mock = await startSocketMock();
    try {
      expect(mock.running.adminToken).toBeUndefined();
      expect((await mock.send('/__mock/reset', { method: 'POST' })).status).toBe(200);
      const banner = await mock.running.deps.store.transact((state) =>
        readyBanner(mock.running, state, '127.0.0.1'),
      );
      expect(banner).not.toMatch(/WARNING|admin token/);
    } finally {
      await mock.close();
    }
  });
});

describe('the inspector off loopback', () => {
  it('takes the admin token once in its address and keeps it in a same-site cookie', async () => {
    const mock = await makeTestMock({ config: { adminToken: 'let-me-in' } });
    expect((await mock.call('GET', '/__mock/ui')).status).toBe(401);
    expect((await mock.call('GET', '/__mock/ui?admin_token=wrong')).status).toBe(401);
    const admitted = await mock.call('GET', '/__mock/ui?admin_token=let-me-in');
    expect(admitted.status).toBe(303);
    expect(admitted.headers.get('location')).toBe('/__mock/ui');
    const cookie = admitted.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^blaaiz_mock_admin=let-me-in;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/__mock/);
    const jar = cookie.split(';')[0] ?? '';
    expect((await mock.call('GET', '/__mock/ui', { headers: { cookie: jar } })).status).toBe(200);
    // The cookie opens the inspector only, never the JSON controls.
    expect((await mock.call('GET', '/__mock/state', { headers: { cookie: jar } })).status).toBe(401);
  });
});
