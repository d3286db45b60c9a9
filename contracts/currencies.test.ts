/** listCurrencies: the list every official SDK's connection check reads (200; 401/403 in access.test.ts). */
import { describe, expect, it } from 'vitest';
import { api, tokenFor } from './lib/suite.js';

describe('listCurrencies', () => {
  it('answers a JSON array of currencies with codes and names (200)', async () => {
    const token = await tokenFor('currency:read');
    const currencies = await api.call('listCurrencies', 200, { token });
    expect(Array.isArray(currencies)).toBe(true);
    expect(currencies.length).toBeGreaterThan(0);
    for (const currency of currencies) expect(currency.code).toMatch(/^[A-Z]{3,5}$/);
  });
});
