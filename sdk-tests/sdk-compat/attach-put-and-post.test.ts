import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../mock/src/generated/openapi.js';
import { type MockInstance, startMock } from '../../mock/src/testing.js';
import { NOT_A_DOCUMENT, newIndividual, PASSPORT_PDF } from '../support/sample-files.js';
import {
  callApi,
  putToPresignedUrl,
  requestPresign,
  requestToken,
  type SdkAuth,
} from '../support/sdk-client.js';

type Schemas = components['schemas'];
let mock: MockInstance;
let auth: SdkAuth;

beforeAll(async () => {
  mock = await startMock();
  const { clientId, clientSecret, scope } = mock.credentials;
  auth = { token: (await requestToken(mock.baseUrl, clientId, clientSecret, scope)).json.access_token };
});
afterAll(() => mock.close());

async function createCustomer(): Promise<string> {
  const created = await callApi<Schemas['CustomerResponse']>(
    mock.baseUrl,
    'POST',
    '/api/external/customer',
    auth,
    newIndividual(),
  );
  expect(created.status).toBe(201);
  return created.json.data.id;
}

async function uploadIdentity(customerId: string, bytes: Buffer): Promise<string> {
  const presign = await requestPresign(mock.baseUrl, auth, customerId);
  expect(presign.status).toBe(200);
  await putToPresignedUrl(presign.json.url, bytes, { contentType: 'application/pdf', ca: mock.caCert });
  return presign.json.file_id;
}

async function status(customerId: string): Promise<string | undefined> {
  const got = await callApi<Schemas['CustomerResponse']>(
    mock.baseUrl,
    'GET',
    `/api/external/customer/${customerId}`,
    auth,
  );
  return got.json.data.verification_status;
}

describe.each(['POST', 'PUT'])('attaching files with %s /customer/{id}/files', (method) => {
  it('attaches id_file, starts verification, and ends VERIFIED on the virtual clock', async () => {
    const customerId = await createCustomer();
    const fileId = await uploadIdentity(customerId, PASSPORT_PDF);
    const path = `/api/external/customer/${customerId}/files`;
    const attached = await callApi(mock.baseUrl, method, path, auth, { id_file: fileId });
    expect(attached.status).toBe(200);
    expect(attached.json).toEqual({ message: 'Customer files uploaded successfully' });
    expect(await status(customerId)).toBe('PENDING');
    await mock.advanceClock(60);
    expect(await status(customerId)).toBe('VERIFIED');
  });

  it('accepts a text file declared as a PDF (200, as the official Node SDK expects); the review rejects it', async () => {
    const customerId = await createCustomer();
    const fileId = await uploadIdentity(customerId, NOT_A_DOCUMENT);
    const path = `/api/external/customer/${customerId}/files`;
    const attached = await callApi(mock.baseUrl, method, path, auth, { id_file: fileId });
    expect(attached.status).toBe(200);
    await mock.advanceClock(60);
    expect(await status(customerId)).toBe('REJECTED');
  });

  it('works with the legacy key as older SDKs send it', async () => {
    const customerId = await createCustomer();
    const fileId = await uploadIdentity(customerId, PASSPORT_PDF);
    const legacy = { apiKey: mock.credentials.legacyKey ?? 'missing' };
    const path = `/api/external/customer/${customerId}/files`;
    const attached = await callApi(mock.baseUrl, method, path, legacy, { id_file: fileId });
    expect(attached.status).toBe(200);
  });
});
