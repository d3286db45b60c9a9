/**
 * Webhook registration (api-contract §5). Writes happen only on a mock (they would re-point a live
 * platform's real webhooks); reads and refused requests run on every target.
 */
import { describe, expect, it } from 'vitest';
import { unknownId } from './lib/fixtures.js';
import { hasMockControls, resetMock } from './lib/mock-controls.js';
import { api, tokenFor } from './lib/suite.js';

const SCOPES = 'webhook:read webhook:write';
const URLS = {
  collection_url: 'https://example.com/hooks/collection',
  payout_url: 'https://example.com/hooks/payout',
};

describe('webhook registration, refused requests (every target)', () => {
  it('refuses a registration without payout_url (422 naming it)', async () => {
    const token = await tokenFor(SCOPES);
    const body = await api.call('createWebhook', 422, {
      token,
      json: { collection_url: URLS.collection_url } as never,
      invalid: 'payout_url is required',
    });
    expect(body.errors).toHaveProperty('payout_url');
  });

  it('refuses an update whose URL is not a string (422)', async () => {
    const token = await tokenFor(SCOPES);
    const json = { collection_url: 42 } as never;
    await api.call('updateWebhook', 422, { token, json, invalid: 'collection_url must be a URL' });
    await api.call('updateWebhookById', 422, {
      token,
      params: { id: unknownId() },
      json,
      invalid: 'collection_url must be a URL',
    });
  });
});

describe.skipIf(!hasMockControls)('webhook registration lifecycle (mock)', () => {
  it('has no record after a reset: GET and both updates answer 404', async () => {
    await resetMock();
    const token = await tokenFor(SCOPES);
    await api.call('getWebhook', 404, { token });
    await api.call('updateWebhook', 404, { token, json: { payout_url: URLS.payout_url } });
    await api.call('updateWebhookById', 404, { token, params: { id: unknownId() }, json: {} });
  });

  it('registers once (secret shown once), refuses a second record (400), reads and updates it both ways', async () => {
    const token = await tokenFor(SCOPES);
    const created = await api.call('createWebhook', 200, { token, json: URLS });
    expect(created.data.signing_secret.length).toBeGreaterThanOrEqual(32);
    const again = await api.call('createWebhook', 400, { token, json: URLS });
    expect(again.message).not.toBe('');
    const { data } = await api.call('getWebhook', 200, { token });
    expect(data).toMatchObject({ ...URLS, kyc_url: null });
    const kyc = 'https://example.com/hooks/kyc';
    const updated = await api.call('updateWebhook', 200, { token, json: { kyc_url: kyc } });
    expect(updated.data.kyc_url).toBe(kyc);
    const byId = await api.call('updateWebhookById', 200, {
      token,
      params: { id: data.id },
      json: { kyc_url: null },
    });
    expect(byId.data.kyc_url).toBeNull();
    await api.call('updateWebhookById', 404, { token, params: { id: unknownId() }, json: {} });
    await resetMock();
  });
});
