import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { createJournal } from '../http/journal.js';
import { REDACTED } from '../http/redact.js';
import { makeTestMock, PNG_BYTES, T0 } from '../test-kit.js';

const PRESIGN = '/api/external/file/get-presigned-url';

describe('request journal', () => {
  it('records what a client sent and got, secrets redacted, uploads as size and MD5', async () => {
    const mock = await makeTestMock();
    const token = await mock.token();
    const { fileId } = await mock.upload(token, DEMO_IDS.individual, 'identity');
    const res = await mock.call('GET', '/__mock/requests');
    expect(res.status).toBe(200);
    const [issued, presign, put] = res.json.data;
    expect(issued.operationId).toBe('issueToken');
    expect(issued.client_id).toBe('mock-client');
    expect(issued.request.body.client_secret).toBe(REDACTED);
    expect(issued.request.body.grant_type).toBe('client_credentials');
    expect(issued.response.body.access_token).toBe(REDACTED);
    expect(issued.response.body.token_type).toBe('Bearer');
    expect(issued.response.body.expires_in).toBe(900);
    expect(presign).toMatchObject({ face: 'api', method: 'POST', path: PRESIGN, status: 200 });
    expect(presign.request.headers.authorization).toBe(`Bearer ${REDACTED}`);
    expect(presign.client_id).toBe('mock-client');
    expect(presign.customer_id).toBe(DEMO_IDS.individual);
    expect(presign.response.body.url).toContain(`X-Amz-Signature=${REDACTED}`);
    expect(JSON.stringify(res.json.data)).not.toContain(token);
    expect(JSON.stringify(res.json.data)).not.toContain('mock-secret');
    expect(put).toMatchObject({ face: 'storage', operationId: 'putObject', status: 200, fault: null });
    expect(put.customer_id).toBe(DEMO_IDS.individual);
    expect(put.path).toBe(`/blaaiz-uploads/${fileId}`);
    expect(put.query['X-Amz-Signature']).toBe(REDACTED);
    const md5 = createHash('md5').update(PNG_BYTES).digest('hex');
    expect(put.request.body).toEqual({ size: PNG_BYTES.byteLength, md5 });
    expect(put.response.headers.etag).toBe(`"${md5}"`);
    expect(put.at).toBe(new Date(T0).toISOString());
  });

  it('filters by operationId, status, customer_id and since, and leaves the controls out', async () => {
    const mock = await makeTestMock();
    const token = await mock.token();
    await mock.call('GET', `/api/external/customer/${DEMO_IDS.individual}`, { token });
    await mock.call('GET', `/api/external/customer/${DEMO_IDS.business}`, { token });
    await mock.call('GET', '/api/external/customer/nope', { token });
    const get = async (query: string) => (await mock.call('GET', `/__mock/requests?${query}`)).json.data;
    expect(await get('operationId=getCustomer')).toHaveLength(3);
    expect((await get('status=404')).map((e: { path: string }) => e.path)).toEqual([
      '/api/external/customer/nope',
    ]);
    expect(await get(`customer_id=${DEMO_IDS.business}`)).toHaveLength(1);
    expect(await get('limit=1')).toHaveLength(1);
    await mock.advance(10);
    await mock.call('GET', `/api/external/customer/${DEMO_IDS.individual}`, { token });
    const since = new Date(T0 + 5_000).toISOString();
    expect(await get(`since=${encodeURIComponent(since)}`)).toHaveLength(1);
    expect((await get('')).some((e: { path: string }) => e.path.startsWith('/__mock/'))).toBe(false);
    expect((await mock.call('GET', '/__mock/requests?status=abc')).status).toBe(422);
    await mock.resetClock();
  });

  it('shows the body of a request answered before its body was read (a 401)', async () => {
    const mock = await makeTestMock();
    const res = await mock.call('POST', PRESIGN, { body: { customer_id: 'c-1', file_category: 'identity' } });
    expect(res.status).toBe(401);
    const [entry] = (await mock.call('GET', '/__mock/requests?status=401')).json.data;
    expect(entry.request.body).toEqual({ customer_id: 'c-1', file_category: 'identity' });
    expect(entry.customer_id).toBe('c-1');
  });

  it('keeps each answer as it was sent, though the journal is read after the state moved on', async () => {
    const mock = await makeTestMock();
    const token = await mock.token();
    const path = `/api/external/customer/${DEMO_IDS.business}`;
    const before = await mock.call('GET', path, { token });
    expect(before.json.data.verification_status).toBe('PENDING');
    await mock.read((state) => {
      const record = state.customers.get(DEMO_IDS.business);
      if (record) record.view.verification_status = 'VERIFIED';
    });
    const [entry] = (await mock.call('GET', '/__mock/requests?operationId=getCustomer')).json.data;
    expect(entry.response.body).toEqual(before.json);
  });

  it('is a bounded ring: the oldest entries make room, memory stays flat', async () => {
    const mock = await makeTestMock({ config: { journalSize: 5 } });
    for (let i = 0; i < 12; i++) await mock.call('GET', `/api/external/customer/n${i}`);
    const res = await mock.call('GET', '/__mock/requests');
    expect(res.json.held).toBe(5);
    expect(res.json.data.map((e: { path: string }) => e.path.slice(-3))).toEqual([
      '/n7',
      '/n8',
      '/n9',
      'n10',
      'n11',
    ]);
    const ring = createJournal(1_000);
    for (let i = 0; i < 50_000; i++) ring.record(() => res.json.data[0]);
    expect(ring.size()).toBe(1_000);
    expect(ring.list()[0]?.seq).toBe(49_001);
  });

  it('is cleared by DELETE /__mock/requests and by a reset; size 0 turns it off', async () => {
    const mock = await makeTestMock();
    await mock.call('GET', '/api/external/customer/x');
    expect((await mock.call('DELETE', '/__mock/requests')).json.removed).toBe(1);
    await mock.call('GET', '/api/external/customer/x');
    await mock.call('POST', '/__mock/reset');
    expect((await mock.call('GET', '/__mock/requests')).json.data).toEqual([]);
    const off = await makeTestMock({ config: { journalSize: 0 } });
    await off.call('GET', '/api/external/customer/x');
    expect((await off.call('GET', '/__mock/requests')).json.held).toBe(0);
  });
});
