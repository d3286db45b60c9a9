import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { makeTestMock, PNG_BYTES, T0 } from '../test-kit.js';

const PRESIGN = '/api/external/file/get-presigned-url';
const presignBody = { customer_id: DEMO_IDS.individual, file_category: 'identity' };

async function faultMock(random: number[] = []) {
  const slept: number[] = [];
  const mock = await makeTestMock({
    faults: { random: () => random.shift() ?? 0, sleep: async (ms) => void slept.push(ms) },
  });
  const addFault = async (rule: unknown) => {
    const res = await mock.call('POST', '/__mock/faults', { body: rule });
    if (res.status !== 201) throw new Error(`fault: ${res.status} ${res.text}`);
    return res.json;
  };
  return { ...mock, slept, addFault };
}

describe('faults: the documented examples work as written', () => {
  it('getPresignedUrl 503 times 2: two documented 503s, then the real answer; marked in the journal', async () => {
    const mock = await faultMock();
    const token = await mock.token();
    const rule = await mock.addFault({ operationId: 'getPresignedUrl', status: 503, times: 2 });
    expect(rule).toMatchObject({
      id: expect.any(String),
      operationId: 'getPresignedUrl',
      status: 503,
      times: 2,
      fired: 0,
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await mock.call('POST', PRESIGN, { token, body: presignBody });
      statuses.push(res.status);
      if (res.status === 503) {
        expect(res.json).toEqual({ status: false, message: 'Service Unavailable' });
        expect(res.headers.get('x-mock-fault')).toBe(rule.id);
      }
    }
    expect(statuses).toEqual([503, 503, 200]);
    const journal = (await mock.call('GET', '/__mock/requests?operationId=getPresignedUrl')).json.data;
    expect(journal.map((e: { fault: unknown }) => e.fault)).toEqual([
      { id: rule.id, action: 'status 503' },
      { id: rule.id, action: 'status 503' },
      null,
    ]);
    const listed = (await mock.call('GET', '/__mock/faults')).json.data;
    expect(listed).toEqual([expect.objectContaining({ id: rule.id, fired: 2, active: false })]);
  });

  it('putObject 500 times 1: S3 InternalError XML once, then the upload succeeds', async () => {
    const mock = await faultMock();
    const token = await mock.token();
    await mock.addFault({ operationId: 'putObject', status: 500, times: 1 });
    const presign = await mock.call('POST', PRESIGN, { token, body: presignBody });
    const first = await mock.storage.request(presign.json.url, { method: 'PUT', body: PNG_BYTES });
    expect(first.status).toBe(500);
    expect(first.headers.get('content-type')).toBe('application/xml');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(await first.text()).toMatch(/<Code>InternalError<\/Code>/);
    const second = await mock.storage.request(presign.json.url, { method: 'PUT', body: PNG_BYTES });
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('getCustomer latencyMs 800 times 1: waits 800 ms of wall time once, answers normally', async () => {
    const mock = await faultMock();
    const token = await mock.token();
    await mock.addFault({ operationId: 'getCustomer', latencyMs: 800, times: 1 });
    const path = `/api/external/customer/${DEMO_IDS.individual}`;
    expect((await mock.call('GET', path, { token })).status).toBe(200);
    expect((await mock.call('GET', path, { token })).status).toBe(200);
    expect(mock.slept).toEqual([800]);
  });

  it('issueToken drop true times 1: the connection gives no answer, the next request works', async () => {
    const mock = await faultMock();
    await mock.addFault({ operationId: 'issueToken', drop: true, times: 1 });
    await expect(mock.token()).rejects.toThrow();
    expect(await mock.token()).toMatch(/^ey/);
    const [dropped] = (await mock.call('GET', '/__mock/requests?operationId=issueToken')).json.data;
    expect(dropped).toMatchObject({ status: 0, fault: { action: 'drop before' } });
  });
});

describe('faults: shapes and matching', () => {
  it('a 429 carries Retry-After and X-RateLimit-* on the virtual clock', async () => {
    const mock = await faultMock();
    const token = await mock.token();
    await mock.advance(3600);
    await mock.addFault({ operationId: 'getCustomer', status: 429, retryAfterSeconds: 30 });
    const res = await mock.call('GET', `/api/external/customer/${DEMO_IDS.individual}`, { token });
    expect(res.status).toBe(429);
    expect(res.json.message).toBe('Too Many Attempts.');
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.headers.get('x-ratelimit-limit')).toBe('120');
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBe(T0 / 1000 + 3600 + 30);
    await mock.resetClock();
  });

  it('502 and a 503 SlowDown on the store; a mid-response drop cuts the body', async () => {
    const mock = await faultMock();
    const token = await mock.token();
    await mock.addFault({ operationId: 'listCustomers', status: 502, times: 1 });
    const list = await mock.call('GET', '/api/external/customer', { token });
    expect(list).toMatchObject({ status: 502, json: { message: 'Bad Gateway' } });
    await mock.addFault({ operationId: 'putObject', status: 503 });
    const presign = await mock.call('POST', PRESIGN, { token, body: presignBody });
    const put = await mock.storage.request(presign.json.url, { method: 'PUT', body: PNG_BYTES });
    expect(put.status).toBe(503);
    expect(await put.text()).toMatch(/<Code>SlowDown<\/Code>/);
    await mock.addFault({ operationId: 'getCustomer', drop: 'mid', times: 1 });
    const res = await mock.api.request(`/api/external/customer/${DEMO_IDS.individual}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow(/dropped/);
  });

  it('matches a customer id (path or body) and rolls the probability', async () => {
    const mock = await faultMock([0.9, 0.1]);
    const token = await mock.token();
    await mock.addFault({ operationId: 'getPresignedUrl', customer_id: DEMO_IDS.business, status: 500 });
    expect((await mock.call('POST', PRESIGN, { token, body: presignBody })).status).toBe(200);
    await mock.addFault({
      operationId: 'getCustomer',
      customer_id: DEMO_IDS.individual,
      status: 500,
      probability: 0.5,
    });
    const get = (id: string) => mock.call('GET', `/api/external/customer/${id}`, { token });
    expect((await get(DEMO_IDS.business)).status).toBe(200);
    expect((await get(DEMO_IDS.individual)).status).toBe(200); // rolled 0.9: no fire
    expect((await get(DEMO_IDS.individual)).status).toBe(500); // rolled 0.1: fires
  });

  it('forSeconds ends a rule on the virtual clock', async () => {
    const mock = await faultMock();
    const token = await mock.token();
    const rule = await mock.addFault({ operationId: 'getCustomer', status: 500, forSeconds: 60 });
    expect(rule.expires_at).toBe(new Date(T0 + 60_000).toISOString());
    const path = `/api/external/customer/${DEMO_IDS.individual}`;
    expect((await mock.call('GET', path, { token })).status).toBe(500);
    await mock.advance(61);
    expect((await mock.call('GET', path, { token })).status).toBe(200);
    await mock.resetClock();
  });

  it('is listed, removed by id, cleared, and forgotten by a reset', async () => {
    const mock = await faultMock();
    const a = await mock.addFault({ operationId: 'getCustomer', status: 500 });
    await mock.addFault({ operationId: 'listCustomers', status: 500 });
    expect((await mock.call('DELETE', `/__mock/faults/${a.id}`)).status).toBe(200);
    expect((await mock.call('DELETE', `/__mock/faults/${a.id}`)).status).toBe(404);
    expect((await mock.call('GET', '/__mock/faults')).json.data).toHaveLength(1);
    expect((await mock.call('DELETE', '/__mock/faults')).json.removed).toBe(1);
    await mock.addFault({ operationId: 'listCustomers', status: 500 });
    await mock.call('POST', '/__mock/reset');
    expect((await mock.call('GET', '/__mock/faults')).json.data).toEqual([]);
  });

  it.each([
    [{ operationId: 'nope', status: 500 }, 'operationId'],
    [{ status: 500 }, 'operationId'],
    [{ operationId: 'getCustomer' }, 'status'],
    [{ operationId: 'getCustomer', status: 404 }, 'status'],
    [{ operationId: 'putObject', status: 429 }, 'status'],
    [{ operationId: 'getCustomer', stall: true }, 'stall'],
    [{ operationId: 'getCustomer', status: 500, drop: true }, 'drop'],
    [{ operationId: 'getCustomer', status: 500, times: 0 }, 'times'],
    [{ operationId: 'getCustomer', status: 500, probability: 2 }, 'probability'],
    [{ operationId: 'getCustomer', status: 500, retryAfterSeconds: 5 }, 'retryAfterSeconds'],
    [{ operationId: 'getCustomer', status: 500, operationID: 'x' }, 'operationID'],
    [{ operationId: 'getCustomer', latencyMs: -1 }, 'latencyMs'],
  ])('refuses %j with a 422 naming %s', async (rule, field) => {
    const mock = await faultMock();
    const res = await mock.call('POST', '/__mock/faults', { body: rule });
    expect(res.status).toBe(422);
    expect(Object.keys(res.json.errors)).toEqual([field]);
    expect(res.json.message).toBe(res.json.errors[field][0]);
    expect((await mock.call('GET', '/__mock/faults')).json.data).toEqual([]);
  });
});
