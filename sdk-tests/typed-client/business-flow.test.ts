import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../mock/src/generated/openapi.js';
import { type MockInstance, startMock } from '../../mock/src/testing.js';
import { PASSPORT_PDF } from '../support/sample-files.js';
import { putToPresignedUrl } from '../support/sdk-client.js';
import { authorizedTypedApi, expectStatus, type TypedApi } from './typed-api.js';

let mock: MockInstance;
let api: TypedApi;

beforeAll(async () => {
  mock = await startMock();
  api = await authorizedTypedApi(mock.baseUrl, mock.credentials);
});
afterAll(() => mock.close());

/** A FULL-KYB business with one owner holding 100 %, created through `createCustomer`. */
async function createBusiness(): Promise<{ customer: string; owner: string }> {
  const body: components['schemas']['CreateCustomerRequest'] = {
    type: 'business',
    business_name: 'Globex Ltd',
    email: `kyb.${randomUUID().slice(0, 8)}@globex.example.com`,
    country: 'GB',
    registration_number: randomUUID().slice(0, 8),
    incorporation_country: 'GB',
    owners: [
      {
        first_name: 'Jane',
        last_name: 'Doe',
        email: 'jane@globex.example.com',
        ownership_percentage: 100,
        id_document_type: 'passport',
        date_of_birth: '1980-04-02',
      },
    ],
  };
  const created = expectStatus(await api.POST('/api/external/customer', { body }), 201);
  const owner = created.data.owners?.[0]?.id;
  if (!owner) throw new Error('the created business has no owner id');
  return { customer: created.data.id, owner };
}

/** `getOwnerFilePresignedUrl` (nested answer), https PUT, `uploadOwnerFiles` of the front side. */
async function uploadOwnerPassport(customer: string, owner: string) {
  const path = { customer, owner };
  const presign = expectStatus(
    await api.POST('/api/external/customer/{customer}/owner/{owner}/file/presigned-url', {
      params: { path },
      body: { file_category: 'id_document_front' },
    }),
    200,
  );
  await putToPresignedUrl(presign.data.url, PASSPORT_PDF, {
    contentType: 'application/pdf',
    ca: mock.caCert,
  });
  const registered = await api.POST('/api/external/customer/{customer}/owner/{owner}/files', {
    params: { path },
    body: { id_document_front: presign.data.file_id },
  });
  return expectStatus(registered, 200).data;
}

/** `getDocumentPresignedUrl` (no body), https PUT, `registerDocument` as a formation document. */
async function uploadCertificate(customer: string) {
  const params = { path: { customer } };
  const presign = expectStatus(
    await api.POST('/api/external/customer/{customer}/document/presigned-url', { params }),
    200,
  );
  await putToPresignedUrl(presign.data.url, PASSPORT_PDF, {
    contentType: 'application/pdf',
    ca: mock.caCert,
  });
  const body = {
    type: 'CERTIFICATE_OF_INCORPORATION' as const,
    name: 'Certificate.pdf',
    file_id: presign.data.file_id,
  };
  return expectStatus(await api.POST('/api/external/customer/{customer}/document', { params, body }), 201)
    .data;
}

async function getCustomer(id: string) {
  return expectStatus(await api.GET('/api/external/customer/{id}', { params: { path: { id } } }), 200).data;
}

describe('business (KYB) flow through the typed openapi-fetch client', () => {
  it('owner ID file, formation document, submit, then VERIFIED with owner and document approved', async () => {
    const { customer, owner } = await createBusiness();
    expect((await uploadOwnerPassport(customer, owner)).id).toBe(owner);
    const document = await uploadCertificate(customer);
    expect(document.status).toBe('PENDING');
    const params = { path: { customer } };
    const listed = expectStatus(await api.GET('/api/external/customer/{customer}/document', { params }), 200);
    expect(listed.data.map((entry) => entry.id)).toEqual([document.id]);

    const submitted = expectStatus(
      await api.POST('/api/external/customer/{customer}/submit', { params }),
      200,
    );
    expect(submitted.data.verification_status).toBe('PROCESSING');
    await mock.advanceClock(60);
    const verified = await getCustomer(customer);
    expect(verified.verification_status).toBe('VERIFIED');
    expect(verified.owners?.map((entry) => entry.status)).toEqual(['APPROVED']);
    expect(verified.documents?.map((entry) => entry.status)).toEqual(['APPROVED']);
  });

  it('a rejected owner is fixed by a new upload and the resubmission is verified', async () => {
    const { customer, owner } = await createBusiness();
    await uploadOwnerPassport(customer, owner);
    await uploadCertificate(customer);
    const params = { path: { customer } };
    expectStatus(await api.POST('/api/external/customer/{customer}/submit', { params }), 200);
    const comment = 'Passport photo is blurred.';
    const rejected = await mock.forceReview(customer, 'REJECTED', {
      comment,
      owners: { [owner]: 'REJECTED' },
    });
    expect(rejected.verification_status).toBe('REJECTED');
    expect(rejected.owners?.[0]).toMatchObject({ status: 'REJECTED', admin_comments: [comment] });

    expect((await uploadOwnerPassport(customer, owner)).status).toBe('PENDING');
    expectStatus(await api.POST('/api/external/customer/{customer}/submit', { params }), 200);
    await mock.advanceClock(60);
    expect((await getCustomer(customer)).verification_status).toBe('VERIFIED');
  });

  it('submit without a formation document is a 422 that says what is missing', async () => {
    const { customer, owner } = await createBusiness();
    await uploadOwnerPassport(customer, owner);
    const refused = await api.POST('/api/external/customer/{customer}/submit', {
      params: { path: { customer } },
    });
    expect(refused.response.status).toBe(422);
    expect(refused.error?.message).toBe(
      'Cannot verify business customer: at least one formation document is required.',
    );
  });
});
