import { describe, expect, it } from 'vitest';
import type { Seed } from './core/seed.js';
import { DEMO_IDS } from './demo-data.js';
import { CUSTOMERS_PATH, makeTestMock } from './test-kit.js';

const individual = {
  type: 'individual',
  first_name: 'Ada',
  last_name: 'Obi',
  email: 'ada.obi@example.com',
  country: 'NG',
  id_type: 'passport',
  id_number: 'P1',
};

describe('customer-type rules, stated once in openapi.yaml', async () => {
  const mock = await makeTestMock();
  const token = await mock.token();
  const create = (body: unknown) => mock.call('POST', CUSTOMERS_PATH, { token, body });
  const update = (id: string, body: unknown) => mock.call('PUT', `${CUSTOMERS_PATH}/${id}`, { token, body });

  it.each([
    ['business_name', 'Acme', 'The business name field is prohibited.'],
    ['trading_name', 'Acme', 'The trading name field is prohibited.'],
    ['kyb_scope', 'FULL', 'The kyb scope field is prohibited.'],
  ])('refuses %s on a new individual in Laravel words', async (field, value, message) => {
    const res = await create({ ...individual, [field]: value });
    expect(res.status).toBe(422);
    expect(res.json.errors[field]).toEqual([message]);
  });

  it('asks for each field the type requires', async () => {
    const { first_name: _first, id_number: _number, ...rest } = individual;
    const res = await create(rest);
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual({
      first_name: ['The first name field is required.'],
      id_number: ['The id number field is required.'],
    });
  });

  it.each([
    [DEMO_IDS.business, 'id_type', 'passport', 'The id type field is prohibited when type is business.'],
    [DEMO_IDS.business, 'id_number', 'X1', 'The id number field is prohibited when type is business.'],
    [
      DEMO_IDS.individual,
      'registration_number',
      'RC9',
      'The registration number field is prohibited when type is individual.',
    ],
    [
      DEMO_IDS.individual,
      'website',
      'https://x.example.com',
      'The website field is prohibited when type is individual.',
    ],
  ])('refuses on update of %s the field %s, by the stored type', async (id, field, value, message) => {
    const before = (await mock.call('GET', `${CUSTOMERS_PATH}/${id}`, { token })).json.data;
    const res = await update(id, { [field]: value });
    expect(res.status).toBe(422);
    expect(res.json.message).toBe(message);
    expect((await mock.call('GET', `${CUSTOMERS_PATH}/${id}`, { token })).json.data).toEqual(before);
  });

  it('lets an update send a refused field as null', async () => {
    const res = await update(DEMO_IDS.business, { id_type: null, id_number: null });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ id_type: null, id_number: null });
  });

  it('refuses a seed customer that breaks them, in the same words', async () => {
    const { first_name: _first, ...rest } = individual;
    const seed = { clients: [], customers: [{ ...rest, kyb_scope: 'FULL' }] } as unknown as Seed;
    await expect(makeTestMock({ seed })).rejects.toThrow(
      'seed: customers[0]: The first name field is required.; The kyb scope field is prohibited.',
    );
  });
});
