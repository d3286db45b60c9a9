import { describe, expect, it } from 'vitest';
import { DEMO_SEED } from '../demo-data.js';
import { makeTestMock } from '../test-kit.js';
import { checkSeed } from './seed-check.js';

const client = { client_id: 'ci', client_secret: 's', scopes: '*' };
const customer = {
  type: 'individual',
  first_name: 'Sam',
  last_name: 'Roe',
  email: 'sam@example.com',
  country: 'GB',
  id_type: 'passport',
  id_number: 'P1',
};

describe('checkSeed', () => {
  it.each([
    ['not an object', [], /^seed: the seed must be a JSON object, got a list$/],
    [
      'an unknown top-level key',
      { clientz: [] },
      /^seed: clientz is not a seed field \(expected one of clients, legacy_keys, customers, platform, webhook\)$/,
    ],
    [
      'clients that are not a list',
      { clients: 'nope' },
      /^seed: clients must be a list of clients, got "nope"$/,
    ],
    [
      'a client without a secret',
      { clients: [{ client_id: 'a', scopes: '*' }] },
      /^seed: clients\[0\]\.client_secret must be a non-empty string$/,
    ],
    [
      'an unknown client field',
      { clients: [{ ...client, secret: 'x' }] },
      /^seed: clients\[0\]\.secret is not a seed field/,
    ],
    [
      'a scope that is not one',
      { clients: [{ ...client, scopes: ['customer:read', 'full-access'] }] },
      /^seed: clients\[0\]\.scopes\[1\] is not a scope of the API, got "full-access"$/,
    ],
    [
      'a client id used twice',
      { clients: [client, client] },
      /^seed: clients\[1\]\.client_id "ci" is used by an earlier client$/,
    ],
    [
      'legacy keys that are not strings',
      { legacy_keys: [1] },
      /^seed: legacy_keys must be a list of non-empty strings$/,
    ],
    [
      'customers that are not a list',
      { customers: {} },
      /^seed: customers must be a list of customers, got object$/,
    ],
    [
      'a non-UUID id',
      { customers: [{ ...customer, id: 'cust-1' }] },
      /^seed: customers\[0\]\.id must be a UUID, got "cust-1"$/,
    ],
    [
      'an invalid status',
      { customers: [{ ...customer, verification_status: 'BANANA' }] },
      /^seed: customers\[0\]\.verification_status must be one of PENDING, PROCESSING, VERIFIED, REJECTED, got "BANANA"$/,
    ],
  ])('refuses %s in one line naming the path', (_label, seed, message) => {
    expect(() => checkSeed(seed)).toThrow(message);
  });

  it('names the file it came from when given a label', () => {
    expect(() => checkSeed({ nope: 1 }, 'seed file ./ci.json')).toThrow(/^seed file \.\/ci\.json: nope /);
  });

  it('keeps the demo clients and key for a seed that only adds customers', async () => {
    const seed = checkSeed({ customers: [customer] });
    expect(seed.clients).toEqual(DEMO_SEED.clients);
    expect(seed.legacy_keys).toEqual(DEMO_SEED.legacy_keys);
    const mock = await makeTestMock({ seed });
    const token = await mock.token('mock-client', 'customer:read');
    const list = await mock.call('GET', '/api/external/customer', { token });
    expect(list.json.data.map((c: { email: string }) => c.email)).toEqual(['sam@example.com']);
  });

  it('passes a complete seed through unchanged', () => {
    const seed = { clients: [client], legacy_keys: ['k'], customers: [customer] };
    expect(checkSeed(seed)).toBe(seed);
  });

  it('reports a customer the API rules refuse by path and field, never as raw JSON', async () => {
    const business = {
      type: 'business',
      business_name: 'Twin Ltd',
      email: 'kyb@twin.example.com',
      country: 'GB',
      registration_number: 'RC-TWIN',
      incorporation_country: 'GB',
    };
    const seed = checkSeed({
      clients: [client],
      customers: [business, { ...business, email: 'b@twin.example.com' }],
    });
    const error = await makeTestMock({ seed }).then(
      () => new Error('accepted'),
      (e: Error) => e,
    );
    expect(error.message).toMatch(/^seed: customers\[1\]\.registration_number: /);
    expect(error.message).not.toContain('{');
  });
});
