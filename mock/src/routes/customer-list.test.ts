import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { makeTestMock } from '../test-kit.js';

describe('GET /api/external/customer and /{id}', async () => {
  const mock = await makeTestMock();
  const token = await mock.token();
  const ids: string[] = [];
  for (let i = 0; i < 20; i++)
    ids.push(await mock.createIndividual(token, { email: `list-${i}@example.com` }));

  it('gets a customer, and 404 for an unknown one', async () => {
    const res = await mock.call('GET', `/api/external/customer/${DEMO_IDS.business}`, { token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      message: 'Customer retrieved successfully',
      data: { id: DEMO_IDS.business, type: 'business' },
    });
    const missing = await mock.call('GET', '/api/external/customer/not-a-customer', { token });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ status: false, message: 'Customer not found' });
  });

  it('lists every customer unpaginated by default, oldest first', async () => {
    const res = await mock.call('GET', '/api/external/customer', { token });
    expect(res.status).toBe(200);
    expect(res.json.data).toHaveLength(22);
    expect(res.json.data[0].id).toBe(DEMO_IDS.individual);
    expect(res.json.links).toBeUndefined();
  });

  it.each([
    ['email', 'list-3@example.com', 1],
    ['type', 'business', 1],
    ['type', 'individual', 21],
    ['verification_status', 'VERIFIED', 0],
    ['registration_number', 'RC123456', 1],
  ])('filters on %s=%s exactly', async (field, value, count) => {
    const res = await mock.call('GET', `/api/external/customer?${field}=${encodeURIComponent(value)}`, {
      token,
    });
    expect(res.status).toBe(200);
    expect(res.json.data).toHaveLength(count);
  });

  it('paginates 15 per page, newest first, with Laravel links and meta', async () => {
    const first = await mock.call('GET', '/api/external/customer?paginate=true', { token });
    expect(first.json.data).toHaveLength(15);
    expect(first.json.data[0].id).toBe(ids[19]);
    expect(first.json.meta).toMatchObject({
      current_page: 1,
      last_page: 2,
      per_page: 15,
      total: 22,
      from: 1,
      to: 15,
    });
    expect(first.json.links.prev).toBeNull();
    const second = await mock.call(
      'GET',
      new URL(first.json.links.next).pathname + new URL(first.json.links.next).search,
      { token },
    );
    expect(second.json.data).toHaveLength(7);
    expect(second.json.meta).toMatchObject({ current_page: 2, from: 16, to: 22 });
    expect(second.json.links.next).toBeNull();
  });

  it('refuses a bad verification_status filter with 422', async () => {
    const res = await mock.call('GET', '/api/external/customer?verification_status=DONE', { token });
    expect(res.status).toBe(422);
    expect(res.json.errors.verification_status).toEqual(['The selected verification status is invalid.']);
  });
});
