import { describe, expect, it } from 'vitest';
import { ALL_SCOPES } from '../core/scopes.js';
import { makeTestMock } from '../test-kit.js';

describe('GET /api/external/currency', async () => {
  const mock = await makeTestMock();
  const path = '/api/external/currency';

  it('answers the fixed list as a bare array with currency:read', async () => {
    const res = await mock.call('GET', path, { token: await mock.token('mock-client', 'currency:read') });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.json)).toBe(true);
    const codes = (res.json as unknown as Array<{ code: string; active: boolean }>).map((c) => c.code);
    expect(codes).toEqual(['NGN', 'CAD', 'USD', 'EUR', 'GBP']);
  });

  it('answers the legacy key too, 403 without currency:read and 401 without credentials', async () => {
    const legacy = await mock.call('GET', path, { headers: { 'x-blaaiz-api-key': 'mock-legacy-key' } });
    expect(legacy.status).toBe(200);
    const noScope = await mock.call('GET', path, { token: await mock.token('mock-client', 'customer:read') });
    expect(noScope.status).toBe(403);
    expect(noScope.json.message).toContain('currency:read');
    expect((await mock.call('GET', path)).status).toBe(401);
  });

  it.each(['mock-no-upload', 'mock-readonly'])(
    "answers %s with a token from the SDKs' default scope list (their connection check)",
    async (clientId) => {
      const token = await mock.token(clientId, ALL_SCOPES.join(' '));
      expect((await mock.call('GET', path, { token })).status).toBe(200);
    },
  );
});
