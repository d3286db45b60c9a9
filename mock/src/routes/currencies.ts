import { Hono } from 'hono';
import type { MockDeps } from '../deps.js';
import type { components } from '../generated/openapi.js';
import { requireScope } from '../http/auth.js';

type Currency = components['schemas']['Currency'];

/** The fixed list `GET /api/external/currency` answers: enough for the SDKs' connection checks. */
export const CURRENCIES: readonly Currency[] = [
  { id: 'currency_001', code: 'NGN', name: 'Nigerian Naira', active: true },
  { id: 'currency_002', code: 'CAD', name: 'Canadian Dollar', active: true },
  { id: 'currency_003', code: 'USD', name: 'United States Dollar', active: true },
  { id: 'currency_004', code: 'EUR', name: 'Euro', active: true },
  { id: 'currency_005', code: 'GBP', name: 'British Pound', active: true },
];

/** `GET /api/external/currency` (operationId `listCurrencies`): what every SDK's `testConnection()` calls. */
export function currencyRoutes(deps: MockDeps): Hono {
  const app = new Hono();
  app.get('/api/external/currency', requireScope(deps, 'listCurrencies'), (c) => c.json(CURRENCIES));
  return app;
}
