import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockInstance, startMock } from '../../mock/src/testing.js';
import { expectedEtag, newIndividual, PASSPORT_PDF, SELFIE_PNG } from '../support/sample-files.js';
import { putToPresignedUrl } from '../support/sdk-client.js';
import { authorizedTypedApi, expectStatus, type TypedApi } from './typed-api.js';

let mock: MockInstance;
let api: TypedApi;

beforeAll(async () => {
  mock = await startMock();
  api = await authorizedTypedApi(mock.baseUrl, mock.credentials);
});
afterAll(() => mock.close());

type Category = 'identity' | 'identity_back' | 'proof_of_address' | 'liveness_check';

/** Presigns (`getPresignedUrl`) and PUTs one file over https; returns its file_id. */
async function uploadFile(customerId: string, category: Category, bytes: Buffer, contentType: string) {
  const presign = expectStatus(
    await api.POST('/api/external/file/get-presigned-url', {
      body: { customer_id: customerId, file_category: category },
    }),
    200,
  );
  expect(presign.url.startsWith(`${mock.storageUrl}/`)).toBe(true);
  const etag = await putToPresignedUrl(presign.url, bytes, { contentType, ca: mock.caCert });
  expect(etag).toBe(expectedEtag(bytes));
  return presign.file_id;
}

describe('individual KYC flow through the typed openapi-fetch client', () => {
  it('creates a customer, uploads every slot, attaches them and ends VERIFIED after the review delay', async () => {
    const created = expectStatus(await api.POST('/api/external/customer', { body: newIndividual() }), 201);
    const id = created.data.id;
    expect(created.data.verification_status).toBe('PENDING');

    const files = {
      id_file_back: await uploadFile(id, 'identity_back', PASSPORT_PDF, 'application/pdf'),
      proof_of_address_file: await uploadFile(id, 'proof_of_address', SELFIE_PNG, 'image/png'),
      liveness_check_file: await uploadFile(id, 'liveness_check', SELFIE_PNG, 'image/png'),
    };
    const attachedFirst = await api.POST('/api/external/customer/{id}/files', {
      params: { path: { id } },
      body: files,
    });
    expect(expectStatus(attachedFirst, 200).message).toBe('Customer files uploaded successfully');
    const waiting = expectStatus(
      await api.GET('/api/external/customer/{id}', { params: { path: { id } } }),
      200,
    );
    expect(waiting.data.verification_status).toBe('PENDING');

    const idFile = await uploadFile(id, 'identity', PASSPORT_PDF, 'application/pdf');
    const attached = await api.POST('/api/external/customer/{id}/files', {
      params: { path: { id } },
      body: { id_file: idFile },
    });
    expectStatus(attached, 200);
    const reviewing = expectStatus(
      await api.GET('/api/external/customer/{id}', { params: { path: { id } } }),
      200,
    );
    expect(reviewing.data.verification_status).toBe('PENDING'); // individuals never show PROCESSING

    await mock.advanceClock(60);
    const verified = expectStatus(
      await api.GET('/api/external/customer/{id}', { params: { path: { id } } }),
      200,
    );
    expect(verified.data.verification_status).toBe('VERIFIED');
  });

  it('reads typed errors: an unknown customer is a 404 with the documented message', async () => {
    const missing = await api.GET('/api/external/customer/{id}', {
      params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toEqual({ status: false, message: 'Customer not found' });
  });

  it('reads typed 422s: an unknown file category names the field', async () => {
    const customer = expectStatus(await api.POST('/api/external/customer', { body: newIndividual() }), 201);
    const refused = await api.POST('/api/external/file/get-presigned-url', {
      body: { customer_id: customer.data.id, file_category: 'selfie' as Category },
    });
    expect(refused.response.status).toBe(422);
    expect(Object.keys((refused.error as { errors: object }).errors)).toContain('file_category');
  });
});
