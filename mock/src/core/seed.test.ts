import { describe, expect, it } from 'vitest';
import { ALL_SCOPES } from '../core/scopes.js';
import { DEMO_IDS, DEMO_SEED } from '../demo-data.js';
import { createRequestValidator } from '../http/request-validator.js';
import { makeTestMock } from '../test-kit.js';
import type { Seed } from './seed.js';

const custom: Seed = {
  clients: [{ client_id: 'ci', client_secret: 'ci-secret', scopes: ['customer:read'] }],
  legacy_keys: ['old-key'],
  customers: [
    {
      id: '0b0f6c1e-1111-4aaa-8bbb-000000000001',
      type: 'individual',
      first_name: 'Sam',
      last_name: 'Roe',
      email: 'sam@example.com',
      country: 'GB',
      id_type: 'drivers_license',
      id_number: 'D1',
      verification_status: 'REJECTED',
    },
  ],
};

describe('seeds', () => {
  it('loads the demo platform by default', async () => {
    const mock = await makeTestMock();
    expect((await mock.read((s) => s.clients.get('mock-client')))?.scopes).toEqual([...ALL_SCOPES]);
    expect((await mock.read((s) => s.clients.get('mock-no-upload')))?.scopes).not.toContain('file:upload');
    expect([...(await mock.read((s) => s.customers.keys()))]).toEqual([
      DEMO_IDS.individual,
      DEMO_IDS.business,
    ]);
    expect(DEMO_SEED.legacy_keys).toContain('mock-legacy-key');
  });

  it("keeps the demo seed's customers valid against openapi.yaml (checked at start-up like any seed)", () => {
    const validator = createRequestValidator();
    for (const { id: _id, verification_status: _status, ...customer } of DEMO_SEED.customers ?? []) {
      expect(validator.bodyErrors('createCustomer', customer)).toEqual({});
    }
  });

  it('replaces the demo data with a seed, keeping given ids and statuses', async () => {
    const mock = await makeTestMock({ seed: custom });
    expect([...(await mock.read((s) => s.clients.keys()))]).toEqual(['ci']);
    const token = await mock.token('ci', 'customer:read');
    const res = await mock.call('GET', '/api/external/customer/0b0f6c1e-1111-4aaa-8bbb-000000000001', {
      token,
    });
    expect(res.json.data).toMatchObject({ first_name: 'Sam', verification_status: 'REJECTED' });
    expect((await mock.call('GET', `/api/external/customer/${DEMO_IDS.individual}`, { token })).status).toBe(
      404,
    );
    const legacy = await mock.call('GET', '/api/external/customer', {
      headers: { 'x-blaaiz-api-key': 'old-key' },
    });
    expect(legacy.status).toBe(200);
  });

  it.each([
    ['clients that are not a list', { clients: 'nope' }, /"clients" must be an array/],
    [
      'an unknown scope',
      { clients: [{ client_id: 'a', client_secret: 'b', scopes: ['everything'] }] },
      /unknown scopes: everything/,
    ],
    [
      'a customer that breaks the API rules',
      { clients: [], customers: [{ type: 'individual', email: 'x@example.com', country: 'GB' }] },
      /customers\[0\]/,
    ],
  ])('refuses a seed with %s, saying why', async (_label, seed, message) => {
    await expect(makeTestMock({ seed: seed as unknown as Seed })).rejects.toThrow(message);
  });
});
