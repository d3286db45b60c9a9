import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../mock/src/generated/openapi.js';
import { type MockInstance, startMock } from '../../mock/src/testing.js';
import { newIndividual, PASSPORT_PDF } from '../support/sample-files.js';
import { callApi, putToPresignedUrl, type SdkAuth } from '../support/sdk-client.js';

type Schemas = components['schemas'];
const DEMO_INDIVIDUAL = '6f1d8c2a-4b1e-4c3a-9a61-0d5b8e7f0a01';
let a: MockInstance;
let b: MockInstance;

beforeAll(async () => {
  [a, b] = await Promise.all([startMock(), startMock()]);
});
afterAll(() => Promise.all([a.close(), b.close()]));

function auth(mock: MockInstance): SdkAuth {
  return { apiKey: mock.credentials.legacyKey ?? 'missing' };
}

async function createCustomer(mock: MockInstance): Promise<string> {
  const created = await callApi<Schemas['CustomerResponse']>(
    mock.baseUrl,
    'POST',
    '/api/external/customer',
    auth(mock),
    newIndividual(),
  );
  expect(created.status).toBe(201);
  return created.json.data.id;
}

async function customerStatus(mock: MockInstance, id: string): Promise<number> {
  return (await callApi(mock.baseUrl, 'GET', `/api/external/customer/${id}`, auth(mock))).status;
}

async function presign(mock: MockInstance): Promise<string> {
  const answer = await callApi<Schemas['PresignResponse']>(
    mock.baseUrl,
    'POST',
    '/api/external/file/get-presigned-url',
    auth(mock),
    { customer_id: DEMO_INDIVIDUAL, file_category: 'identity' },
  );
  expect(answer.status).toBe(200);
  return answer.json.url;
}

describe('two harness instances in one process', () => {
  it('listen on different free ports', () => {
    expect(a.baseUrl).not.toBe(b.baseUrl);
    expect(a.storageUrl).not.toBe(b.storageUrl);
    expect(a.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('do not share customers', async () => {
    const id = await createCustomer(a);
    expect(await customerStatus(a, id)).toBe(200);
    expect(await customerStatus(b, id)).toBe(404);
  });

  it('do not share the virtual clock: advancing one expires only its own URLs', async () => {
    const [urlA, urlB] = [await presign(a), await presign(b)];
    await a.advanceClock(301);
    const put = { contentType: 'application/pdf' };
    await expect(putToPresignedUrl(urlA, PASSPORT_PDF, { ...put, ca: a.caCert })).rejects.toThrow(/expired/);
    await expect(putToPresignedUrl(urlB, PASSPORT_PDF, { ...put, ca: b.caCert })).resolves.toMatch(/^"/);
    await a.reset();
  });

  it('do not share reviews: forcing one customer leaves the other instance untouched', async () => {
    const forced = await a.forceReview(DEMO_INDIVIDUAL, 'REJECTED');
    expect(forced.verification_status).toBe('REJECTED');
    const inB = await callApi<Schemas['CustomerResponse']>(
      b.baseUrl,
      'GET',
      `/api/external/customer/${DEMO_INDIVIDUAL}`,
      auth(b),
    );
    expect(inB.json.data.verification_status).toBe('PENDING');
    await a.reset();
  });

  it('reset one: its own customers go, the seed comes back, the other keeps its state', async () => {
    const [inA, inB] = [await createCustomer(a), await createCustomer(b)];
    await a.forceReview(DEMO_INDIVIDUAL, 'REJECTED');
    await a.reset();
    expect(await customerStatus(a, inA)).toBe(404);
    expect(await customerStatus(b, inB)).toBe(200);
    const demo = await callApi<Schemas['CustomerResponse']>(
      a.baseUrl,
      'GET',
      `/api/external/customer/${DEMO_INDIVIDUAL}`,
      auth(a),
    );
    expect(demo.json.data.verification_status).toBe('PENDING');
  });

  it('share the stable CA of the default state dir, so it is trusted once', () => {
    expect(a.caCertPath).toBe(b.caCertPath);
    expect(a.caCert).toBe(b.caCert);
    expect(a.caCert).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });
});
