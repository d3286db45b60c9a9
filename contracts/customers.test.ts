/** createCustomer, getCustomer and listCustomers: success shapes, filters, pagination, 400, 404 and 422. */
import { beforeAll, describe, expect, it } from 'vitest';
import { businessCustomer, createIndividual, individualCustomer, unknownId } from './lib/fixtures.js';
import { api, tokenFor } from './lib/suite.js';

let token = '';
beforeAll(async () => {
  token = await tokenFor();
});

describe('createCustomer', () => {
  it('creates an individual customer in PENDING (201)', async () => {
    const json = individualCustomer();
    const { data } = await api.call('createCustomer', 201, { token, json });
    expect(data).toMatchObject({ type: 'individual', email: json.email, verification_status: 'PENDING' });
    expect(data.business_name).toBeNull();
  });

  it('creates a business customer (201)', async () => {
    const json = businessCustomer();
    const { data } = await api.call('createCustomer', 201, { token, json });
    expect(data).toMatchObject({ type: 'business', business_name: json.business_name, id_type: null });
  });

  it('answers malformed JSON with 400', async () => {
    const raw = { contentType: 'application/json', text: '{"type": "individual",' };
    const body = await api.call('createCustomer', 400, { token, raw, invalid: 'malformed JSON' });
    expect(body.message).toMatch(/json|syntax/i);
  });

  it('refuses an individual without id_type with a field error (422)', async () => {
    const { id_type: _omitted, ...json } = individualCustomer();
    const body = await api.call('createCustomer', 422, {
      token,
      json,
      invalid: 'id_type missing for an individual',
    });
    expect(Object.keys(body.errors)).toContain('id_type');
  });

  it('refuses a business whose country differs from its incorporation country (422)', async () => {
    const json = { ...businessCustomer(), country: 'GH' };
    const body = await api.call('createCustomer', 422, { token, json });
    expect(Object.keys(body.errors)).toContain('country');
  });

  it('refuses a registration number already taken on the platform (422)', async () => {
    const json = businessCustomer();
    await api.call('createCustomer', 201, { token, json });
    const body = await api.call('createCustomer', 422, {
      token,
      json: { ...json, email: `again.${json.email}` },
    });
    expect(Object.keys(body.errors)).toContain('registration_number');
  });
});

describe('getCustomer and listCustomers', () => {
  let customer: Awaited<ReturnType<typeof createIndividual>>;
  beforeAll(async () => {
    customer = await createIndividual();
  });

  it('returns one customer with its KYC data (200)', async () => {
    const { data } = await api.call('getCustomer', 200, { token, params: { id: customer.id } });
    expect(data).toMatchObject({ id: customer.id, email: customer.email, type: 'individual' });
  });

  it('answers 404 for an unknown customer', async () => {
    const body = await api.call('getCustomer', 404, { token, params: { id: unknownId() } });
    expect(body.message).toMatch(/not found/i);
  });

  it('filters the plain list by exact e-mail (200)', async () => {
    const body = await api.call('listCustomers', 200, { token, query: { email: customer.email } });
    expect(body.data.map((item) => item.id)).toEqual([customer.id]);
    expect(body).not.toHaveProperty('meta');
  });

  it('pages with paginate=true: at most 15, with links and meta (200)', async () => {
    const body = await api.call('listCustomers', 200, {
      token,
      query: { paginate: 'true', type: 'individual' },
    });
    expect(body).toHaveProperty('meta');
    expect(body.data.length).toBeLessThanOrEqual(15);
    expect(body.data.every((item) => item.type === 'individual')).toBe(true);
  });

  it('refuses an unknown verification_status with a field error (422)', async () => {
    const query = { verification_status: 'DONE' };
    const body = await api.call('listCustomers', 422, {
      token,
      query,
      invalid: 'verification_status outside its enum',
    });
    expect(Object.keys(body.errors)).toContain('verification_status');
  });

  it('refuses page=0 with a field error (422)', async () => {
    const query = { paginate: 'true', page: '0' };
    const body = await api.call('listCustomers', 422, { token, query, invalid: 'page below its minimum' });
    expect(Object.keys(body.errors)).toContain('page');
  });
});
