import { describe, expect, it } from 'vitest';
import { makeTestMock } from '../test-kit.js';

const BASE = '/api/external/webhook';
const URLS = { collection_url: 'http://127.0.0.1:9/collection', payout_url: 'https://example.com/payout' };

describe('webhook registration: POST, GET, PUT and PUT /{id} of /api/external/webhook', async () => {
  const mock = await makeTestMock();
  const token = await mock.token();

  it('answers 404 before a record exists, to GET and both updates', async () => {
    expect((await mock.call('GET', BASE, { token })).status).toBe(404);
    const put = await mock.call('PUT', BASE, { token, body: { payout_url: 'https://x.example/p' } });
    expect(put.status).toBe(404);
    expect(put.json).toEqual({ status: false, message: 'Webhook record not found' });
  });

  it('refuses a missing URL (422) and a URL that is not http(s) (400), storing nothing', async () => {
    const missing = await mock.call('POST', BASE, { token, body: { collection_url: URLS.collection_url } });
    expect(missing.status).toBe(422);
    expect(missing.json.errors.payout_url).toBeDefined();
    const ftp = await mock.call('POST', BASE, {
      token,
      body: { ...URLS, payout_url: 'ftp://example.com/x' },
    });
    expect(ftp.status).toBe(400);
    expect(ftp.json.message).toBe('Invalid webhook URL format');
    expect(await mock.read((state) => state.webhook)).toBeNull();
  });

  it('creates the record (http accepted), shows the secret once, and refuses a second record (400)', async () => {
    const created = await mock.call('POST', BASE, { token, body: URLS });
    expect(created.status).toBe(200);
    expect(created.json.message).toBe('Webhook record created successfully');
    expect(created.json.data.signing_secret).toMatch(/^[0-9a-f]{40}$/);
    const read = await mock.call('GET', BASE, { token });
    expect(read.status).toBe(200);
    expect(read.json.data).toMatchObject({ ...URLS, kyc_url: null });
    expect(read.text).not.toContain(created.json.data.signing_secret);
    const again = await mock.call('POST', BASE, { token, body: URLS });
    expect(again.status).toBe(400);
  });

  it('updates through PUT /webhook and PUT /webhook/{id}; kyc_url null clears; the secret stays', async () => {
    const secret = await mock.read((state) => state.webhook?.signing_secret);
    const id = (await mock.call('GET', BASE, { token })).json.data.id as string;
    const first = await mock.call('PUT', BASE, { token, body: { kyc_url: 'https://example.com/kyc' } });
    expect(first.status).toBe(200);
    expect(first.json.data.kyc_url).toBe('https://example.com/kyc');
    const second = await mock.call('PUT', `${BASE}/${id}`, { token, body: { kyc_url: null } });
    expect(second.status).toBe(200);
    expect(second.json.data).toMatchObject({ ...URLS, kyc_url: null });
    expect((await mock.call('PUT', `${BASE}/not-this-one`, { token, body: {} })).status).toBe(404);
    expect(await mock.read((state) => state.webhook?.signing_secret)).toBe(secret);
  });

  it('requires webhook:read to read and webhook:write to change (403 naming the scope)', async () => {
    const reader = await mock.token('mock-client', 'webhook:read');
    expect((await mock.call('GET', BASE, { token: reader })).status).toBe(200);
    const refused = await mock.call('PUT', BASE, { token: reader, body: {} });
    expect(refused.status).toBe(403);
    expect(refused.json.message).toContain('webhook:write');
  });
});

describe('a seed webhook record', () => {
  const seed = {
    clients: [{ client_id: 'mock-client', client_secret: 's', scopes: '*' as const }],
    webhook: { collection_url: 'http://127.0.0.1:9/ci', signing_secret: 'ci-knows-this-secret' },
  };

  it('is registered at start and again after a reset, with the secret CI knows', async () => {
    const mock = await makeTestMock({ seed });
    expect(await mock.read((state) => state.webhook)).toMatchObject({
      collection_url: 'http://127.0.0.1:9/ci',
      payout_url: 'http://127.0.0.1:9/ci',
      signing_secret: 'ci-knows-this-secret',
    });
    await mock.call('POST', '/__mock/reset');
    expect(await mock.read((state) => state.webhook?.signing_secret)).toBe('ci-knows-this-secret');
  });

  it('is refused at start with a bad URL or a short secret', async () => {
    await expect(
      makeTestMock({ seed: { ...seed, webhook: { ...seed.webhook, collection_url: 'nope' } } }),
    ).rejects.toThrow(/webhook.collection_url/);
    await expect(
      makeTestMock({ seed: { ...seed, webhook: { ...seed.webhook, signing_secret: 'short' } } }),
    ).rejects.toThrow(/signing_secret/);
  });
});
