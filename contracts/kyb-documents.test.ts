/** KYB documents and submission: getDocumentPresignedUrl, registerDocument, list/get/update/deleteDocument, submitCustomer. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createBusiness,
  createIndividual,
  owner,
  putSample,
  registerDocument,
  unknownId,
} from './lib/fixtures.js';
import { api, tokenFor, uniqueTag } from './lib/suite.js';

let token = '';
let individual = '';
beforeAll(async () => {
  token = await tokenFor();
  individual = (await createIndividual()).id;
});

describe('KYB documents', () => {
  let business = '';
  beforeAll(async () => {
    business = (await createBusiness()).id;
  });

  it('presigns (nested), registers a document as PENDING (201), lists and gets it (200)', async () => {
    const document = await registerDocument(business);
    expect(document).toMatchObject({ type: 'CERTIFICATE_OF_INCORPORATION', status: 'PENDING' });
    const list = await api.call('listDocuments', 200, { token, params: { customer: business } });
    expect(list.data.map((item) => item.id)).toContain(document.id);
    const got = await api.call('getDocument', 200, {
      token,
      params: { customer: business, document: document.id },
    });
    expect(got.data.id).toBe(document.id);
  });

  it('updates and deletes a document (200), after which it is gone (404)', async () => {
    const document = await registerDocument(business, 'CERTIFICATE_OF_INCORPORATION');
    const params = { customer: business, document: document.id };
    const updated = await api.call('updateDocument', 200, { token, params, json: { name: 'renamed.pdf' } });
    expect(updated.data.name).toBe('renamed.pdf');
    expect((await api.call('deleteDocument', 200, { token, params })).message).toBe(
      'Document deleted successfully',
    );
    for (const operationId of ['getDocument', 'updateDocument', 'deleteDocument'] as const) {
      const json = operationId === 'updateDocument' ? { name: 'again.pdf' } : undefined;
      const gone = await api.send(operationId, { token, params, ...(json ? { json } : {}) });
      expect(gone.status, operationId).toBe(404);
    }
  });

  it('refuses a file that was never uploaded (422 on register and update)', async () => {
    const json = { type: 'LICENSE', name: 'licence.pdf', file_id: unknownId() };
    const body = await api.call('registerDocument', 422, { token, params: { customer: business }, json });
    expect(body.message).toMatch(/file[ _]id/i);
    const document = await registerDocument(business);
    const params = { customer: business, document: document.id };
    await api.call('updateDocument', 422, { token, params, json: { file_id: unknownId() } });
  });

  it('answers 404 for an unknown customer', async () => {
    const params = { customer: unknownId() };
    await api.call('getDocumentPresignedUrl', 404, { token, params });
    await api.call('listDocuments', 404, { token, params });
    const json = { type: 'LICENSE', name: 'licence.pdf', file_id: unknownId() };
    await api.call('registerDocument', 404, { token, params, json });
  });

  it('refuses an individual customer on every document endpoint (400)', async () => {
    const params = { customer: individual, document: unknownId() };
    const json = { type: 'LICENSE', name: 'licence.pdf', file_id: unknownId() };
    await api.call('getDocumentPresignedUrl', 400, { token, params });
    await api.call('registerDocument', 400, { token, params, json });
    await api.call('listDocuments', 400, { token, params });
    await api.call('getDocument', 400, { token, params });
    await api.call('updateDocument', 400, { token, params, json: { name: 'x.pdf' } });
    const body = await api.call('deleteDocument', 400, { token, params });
    expect(body.message).toMatch(/business/i);
  });
});

describe('submitCustomer', () => {
  it('names the first readiness gap of a business without a formation document (422)', async () => {
    const customer = (await createBusiness({ owners: [owner(uniqueTag())] })).id;
    const body = await api.call('submitCustomer', 422, { token, params: { customer } });
    expect(body.message).toMatch(/Cannot verify business customer/);
  });

  it('submits a ready business (200, PROCESSING), then refuses a second submission (400)', async () => {
    const created = await createBusiness({ owners: [owner(uniqueTag())] });
    const customer = created.id;
    const ownerId = created.owners?.[0]?.id ?? '';
    const presigned = await api.call('getOwnerFilePresignedUrl', 200, {
      token,
      params: { customer, owner: ownerId },
      json: { file_category: 'id_document_front' },
    });
    const front = await putSample(presigned.data);
    const params = { customer, owner: ownerId };
    await api.call('uploadOwnerFiles', 200, { token, params, json: { id_document_front: front } });
    await registerDocument(customer);
    const { data } = await api.call('submitCustomer', 200, { token, params: { customer } });
    expect(data.verification_status).toBe('PROCESSING');
    const again = await api.call('submitCustomer', 400, { token, params: { customer } });
    expect(again.message).toBe('Customer is already verified or under review.');
  });

  it('answers 404 for an unknown customer', async () => {
    await api.call('submitCustomer', 404, { token, params: { customer: unknownId() } });
  });
});
