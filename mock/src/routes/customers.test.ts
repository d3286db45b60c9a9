import { describe, expect, it } from 'vitest';
import { makeTestMock } from '../test-kit.js';

const individual = {
  type: 'individual',
  first_name: 'John',
  last_name: 'Doe',
  email: 'john.doe@example.com',
  country: 'NG',
  id_type: 'passport',
  id_number: 'A1234567',
};
const business = {
  type: 'business',
  business_name: 'Acme',
  email: 'kyb@acme.example.com',
  country: 'GB',
  registration_number: '01234567',
  incorporation_country: 'GB',
};

describe('POST /api/external/customer', async () => {
  const mock = await makeTestMock();
  const token = await mock.token();
  const create = (body: unknown) => mock.call('POST', '/api/external/customer', { token, body });

  it('creates an individual customer, PENDING, with Laravel timestamps', async () => {
    const res = await create(individual);
    expect(res.status).toBe(201);
    expect(res.json.message).toBe('Customer created successfully.');
    expect(res.json.data).toMatchObject({
      ...individual,
      verification_status: 'PENDING',
      kyb_scope: null,
      business_name: null,
    });
    expect(res.json.data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('creates a business customer with owners, kyb_scope FULL by default', async () => {
    const owners = [
      { first_name: 'Jane', last_name: 'Doe', ownership_percentage: 60 },
      { first_name: 'Joe', last_name: 'Bloggs', ownership_percentage: 40 },
    ];
    const res = await create({ ...business, registration_number: 'BIZ-1', owners });
    expect(res.status).toBe(201);
    expect(res.json.data).toMatchObject({
      type: 'business',
      kyb_scope: 'FULL',
      id_type: null,
      documents: [],
    });
    expect(res.json.data.owners).toHaveLength(2);
    expect(res.json.data.owners[0]).toMatchObject({
      first_name: 'Jane',
      ownership_percentage: '60.00',
      status: 'PENDING',
    });
  });

  it.each([
    [
      'an individual without first_name',
      { ...individual, first_name: undefined },
      'first_name',
      'The first name field is required.',
    ],
    [
      'an individual with an id card',
      { ...individual, id_type: 'id_card' },
      'id_type',
      'The selected id type is invalid.',
    ],
    [
      'an individual with kyb_scope',
      { ...individual, kyb_scope: 'FULL' },
      'kyb_scope',
      'The kyb scope field is prohibited.',
    ],
    [
      'a business without registration_number',
      { ...business, registration_number: undefined },
      'registration_number',
      'The registration number field is required.',
    ],
    [
      'a business with id_type',
      { ...business, registration_number: 'B2', id_type: 'passport' },
      'id_type',
      'The id type field is prohibited.',
    ],
    [
      'a business whose country differs from incorporation_country',
      { ...business, registration_number: 'B3', country: 'NG' },
      'country',
      'The country field must match incorporation country.',
    ],
    [
      'a business asking MINIMAL without the allow-list',
      { ...business, registration_number: 'B4', kyb_scope: 'MINIMAL' },
      'kyb_scope',
      undefined,
    ],
    ['an unknown type', { ...individual, type: 'robot' }, 'type', 'The selected type is invalid.'],
    [
      'a bad email',
      { ...individual, email: 'not-an-email' },
      'email',
      'The email field must be a valid email address.',
    ],
    ['a country that is not ISO alpha-2', { ...individual, country: 'XX' }, 'country', undefined],
    [
      'six owners',
      {
        ...business,
        registration_number: 'B5',
        owners: Array.from({ length: 6 }, (_, i) => ({ first_name: `O${i}`, last_name: 'X' })),
      },
      'owners',
      undefined,
    ],
    [
      'operating fields without operating_country',
      { ...business, registration_number: 'B6', operating_city: 'London' },
      'operating_country',
      undefined,
    ],
  ])('refuses %s with 422 on the field', async (_label, body, field, message) => {
    const res = await create(body);
    expect(res.status).toBe(422);
    expect(Object.keys(res.json.errors)).toContain(field);
    if (message) expect(res.json.errors[field]).toContain(message);
    expect(typeof res.json.message).toBe('string');
  });

  it('accepts fields of the other type when absent, null, empty or an empty list', async () => {
    const res = await create({
      ...individual,
      email: 'nulls@example.com',
      business_name: null,
      registration_number: '',
      owners: [],
    });
    expect(res.status).toBe(201);
  });

  it('keeps (registration_number, incorporation_country) unique per platform', async () => {
    expect((await create({ ...business, registration_number: 'DUP-1' })).status).toBe(201);
    const twin = await create({ ...business, registration_number: 'DUP-1', email: 'other@acme.example.com' });
    expect(twin.status).toBe(422);
    expect(twin.json.errors.registration_number).toEqual(['The registration number has already been taken.']);
    const elsewhere = await create({
      ...business,
      registration_number: 'DUP-1',
      country: 'IE',
      incorporation_country: 'IE',
    });
    expect(elsewhere.status).toBe(201);
  });

  it('needs customer:write', async () => {
    const readOnly = await mock.token('mock-readonly', 'customer:read');
    const res = await mock.call('POST', '/api/external/customer', { token: readOnly, body: individual });
    expect(res.status).toBe(403);
    expect(res.json.message).toContain('customer:write');
  });
});
