import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/demo-data.js';
import { CUSTOMERS_PATH, makeTestMock, SOLE_OWNER } from '../../src/test-kit.js';

const SERVER_OWNED = {
  id: '00000000-0000-4000-8000-000000000000',
  type: null,
  business_id: 'someone-else',
  verification_status: 'VERIFIED',
  kyb_scope: '',
  enhanced_due_diligence: true,
  documents: 'x',
  owners_count: 7,
  kyc_data: { verification_status: 'VERIFIED' },
  created_at: '2000-01-01T00:00:00.000000Z',
  updated_at: '2000-01-01T00:00:00.000000Z',
};

describe('a client never writes what the server owns', async () => {
  const mock = await makeTestMock();
  const token = await mock.token();
  const get = async (id: string) => (await mock.call('GET', `${CUSTOMERS_PATH}/${id}`, { token })).json.data;

  it('PUT customer drops server-owned and unknown fields, keeps the defined ones', async () => {
    const id = await mock.createIndividual(token);
    const before = await get(id);
    const res = await mock.call('PUT', `${CUSTOMERS_PATH}/${id}`, {
      token,
      body: { ...SERVER_OWNED, phone: '+2348000000000', junk: 'y'.repeat(1000) },
    });
    expect(res.status, res.text).toBe(200);
    const after = await get(id);
    expect(after).toMatchObject({
      id,
      type: 'individual',
      verification_status: 'PENDING',
      kyb_scope: null,
      phone: '+2348000000000',
      created_at: before.created_at,
    });
    expect(after).not.toHaveProperty('junk');
    expect(after).not.toHaveProperty('owners_count');
    expect(after.kyc_data).not.toHaveProperty('verification_status');
    expect((await mock.call('GET', CUSTOMERS_PATH, { token })).status).toBe(200);
    expect((await mock.call('POST', `${CUSTOMERS_PATH}/${id}/submit`, { token })).status).toBe(422);
  });

  it('kyc-data drops fields it does not define', async () => {
    const id = await mock.createIndividual(token);
    const res = await mock.call('POST', `${CUSTOMERS_PATH}/${id}/kyc-data`, {
      token,
      body: { ...SERVER_OWNED, city: 'Lagos' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.data).toMatchObject({ id, type: 'individual', verification_status: 'PENDING' });
    expect(res.json.data.kyc_data.city).toBe('Lagos');
  });

  it('__proto__ and constructor keys change no prototype', async () => {
    const id = await mock.createIndividual(token);
    const rawBody = `{"__proto__":{"verification_status":"VERIFIED","polluted":1},"constructor":{"prototype":{"x":1}},"city":"Abuja"}`;
    const res = await mock.call('PUT', `${CUSTOMERS_PATH}/${id}`, {
      token,
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status, res.text).toBe(200);
    const record = await mock.read((s) => s.customers.get(id));
    expect(Object.getPrototypeOf(record?.view)).toBe(Object.prototype);
    expect((record?.view as Record<string, unknown> | undefined)?.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await get(id)).verification_status).toBe('PENDING');
  });

  it('owner merge ignores id, status, admin_comments, document paths and unknown keys', async () => {
    const { id, ownerIds } = await mock.createBusiness(token, { owners: [SOLE_OWNER] });
    const ownerId = ownerIds[0] as string;
    const rawBody = JSON.stringify({
      owners: [
        {
          id: ownerId,
          status: 'APPROVED',
          admin_comments: 'ok',
          id_document_path: '/etc/passwd',
          title: 'CEO',
          nickname: 'x',
        },
      ],
    }).replace('"title"', '"__proto__":{"status":"APPROVED"},"title"');
    const res = await mock.call('PUT', `${CUSTOMERS_PATH}/${id}`, {
      token,
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status, res.text).toBe(200);
    const [owner] = (await get(id)).owners;
    expect(owner).toMatchObject({ id: ownerId, status: 'PENDING', admin_comments: null, title: 'CEO' });
    expect(owner.id_document_path).toBeNull();
    expect(owner).not.toHaveProperty('nickname');
    expect(Object.getPrototypeOf((await mock.read((s) => s.customers.get(id)))?.view.owners?.[0])).toBe(
      Object.prototype,
    );
  });

  it('create drops undocumented fields too', async () => {
    const id = await mock.createIndividual(token, { verification_status: 'VERIFIED', extra: { a: 1 } });
    const view = await get(id);
    expect(view.verification_status).toBe('PENDING');
    expect(view).not.toHaveProperty('extra');
  });
});

describe('stored values stay serialisable and bounded', async () => {
  const mock = await makeTestMock();
  const token = await mock.token();
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

  it('a 10⁵-deep value in an unknown field is dropped; GET, list and state still answer', async () => {
    const id = await mock.createIndividual(token);
    const rawBody = `{"documents":${deep(100_000)},"city":"Kano"}`;
    const res = await mock.call('PUT', `${CUSTOMERS_PATH}/${id}`, {
      token,
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status, res.text.slice(0, 200)).toBe(200);
    expect((await mock.call('GET', `${CUSTOMERS_PATH}/${id}`, { token })).status).toBe(200);
    expect((await mock.call('GET', CUSTOMERS_PATH, { token })).status).toBe(200);
    expect((await mock.call('GET', '/__mock/state')).status).toBe(200);
  });

  it('a deep value in a field the operation keeps answers 422 and changes nothing', async () => {
    const { id, ownerIds } = await mock.createBusiness(token, { owners: [SOLE_OWNER] });
    const before = JSON.stringify((await mock.read((s) => s.customers.get(id)))?.view);
    const rawBody = `{"owners":[{"id":"${ownerIds[0]}","status":${deep(100_000)}}]}`;
    const res = await mock.call('PUT', `${CUSTOMERS_PATH}/${id}`, {
      token,
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(422);
    expect(typeof res.json.message).toBe('string');
    expect(Object.keys(res.json.errors)[0]).toMatch(/^owners\.0\.status/);
    expect(JSON.stringify((await mock.read((s) => s.customers.get(id)))?.view)).toBe(before);
  });

  it('a field longer than 4,096 characters answers 422', async () => {
    const res = await mock.call('PUT', `${CUSTOMERS_PATH}/${DEMO_IDS.individual}`, {
      token,
      body: { city: 'c'.repeat(4097) },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.city[0]).toMatch(/4096 characters/);
  });

  it('a customer cannot grow past 64 KB, whichever fields fill it', async () => {
    const { id } = await mock.createBusiness(token);
    const fields = ['trading_name', 'industry_type', 'phone', 'city', 'state', 'street', 'zip_code', 'tin'];
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      const body = Object.fromEntries(fields.map((f) => [f, `${round}`.repeat(4000)]));
      statuses.push((await mock.call('PUT', `${CUSTOMERS_PATH}/${id}`, { token, body })).status);
    }
    const owners = Array.from({ length: 5 }, (_, i) => ({
      first_name: 'A'.repeat(255),
      last_name: `${i}`,
      title: 't'.repeat(4000),
      city: 'c'.repeat(4000),
      state: 's'.repeat(4000),
    }));
    const grown = await mock.call('PUT', `${CUSTOMERS_PATH}/${id}`, { token, body: { owners } });
    expect(statuses).toEqual([200, 200, 200]);
    expect(grown.status).toBe(422);
    expect(grown.json.errors.owners[0]).toMatch(/64 KB/);
    expect(
      Buffer.byteLength(JSON.stringify((await mock.read((s) => s.customers.get(id)))?.view)),
    ).toBeLessThan(64 * 1024);
  });
});
