/** uploadCustomerFiles (POST) and replaceCustomerFiles (PUT): attach, retry, and the 400, 404 and 422 rules. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createBusiness, createIndividual, presign, unknownId, uploadFile } from './lib/fixtures.js';
import { api, tokenFor } from './lib/suite.js';

describe.each(['uploadCustomerFiles', 'replaceCustomerFiles'] as const)('%s', (operationId) => {
  let token = '';
  let customerId = '';
  beforeAll(async () => {
    token = await tokenFor();
    customerId = (await createIndividual()).id;
  });

  it('attaches an uploaded file to its slot, and a retry of the same file is harmless (200)', async () => {
    const { fileId } = await uploadFile(customerId, 'proof_of_address');
    const json = { proof_of_address_file: fileId };
    const first = await api.call(operationId, 200, { token, params: { id: customerId }, json });
    expect(first.message).toMatch(/uploaded/i);
    await api.call(operationId, 200, { token, params: { id: customerId }, json });
  });

  it('refuses a file_id that was never issued (422 on the slot)', async () => {
    const body = await api.call(operationId, 422, {
      token,
      params: { id: customerId },
      json: { id_file_back: unknownId() },
    });
    expect(Object.keys(body.errors)).toEqual(['id_file_back']);
  });

  it('refuses a file issued but never uploaded (422 on the slot)', async () => {
    const issued = await presign(customerId, 'liveness_check');
    const json = { liveness_check_file: issued.file_id };
    const body = await api.call(operationId, 422, { token, params: { id: customerId }, json });
    expect(Object.keys(body.errors)).toEqual(['liveness_check_file']);
  });

  it('refuses a file of another category in the slot (422)', async () => {
    const { fileId } = await uploadFile(customerId, 'identity_back');
    const body = await api.call(operationId, 422, {
      token,
      params: { id: customerId },
      json: { liveness_check_file: fileId },
    });
    expect(Object.keys(body.errors)).toEqual(['liveness_check_file']);
  });

  it('refuses a body with no slot (422)', async () => {
    const body = await api.call(operationId, 422, {
      token,
      params: { id: customerId },
      json: {},
      invalid: 'no slot given',
    });
    expect(body.message).toMatch(/id[ _]file/i);
  });

  it('answers 404 for an unknown customer', async () => {
    const body = await api.call(operationId, 404, {
      token,
      params: { id: unknownId() },
      json: { id_file: unknownId() },
    });
    expect(body.message).toMatch(/not found/i);
  });

  it('refuses a business customer (400)', async () => {
    const business = await createBusiness();
    const body = await api.call(operationId, 400, {
      token,
      params: { id: business.id },
      json: { id_file: unknownId() },
    });
    expect(body.message).toMatch(/individual|business/i);
  });

  it('starts verification with id_file (still PENDING: individuals never show PROCESSING), then refuses changes and new uploads while it runs (400)', async () => {
    const customer = await createIndividual();
    const identity = await uploadFile(customer.id, 'identity');
    const address = await uploadFile(customer.id, 'proof_of_address');
    await api.call(operationId, 200, {
      token,
      params: { id: customer.id },
      json: { id_file: identity.fileId },
    });
    const { data } = await api.call('getCustomer', 200, { token, params: { id: customer.id } });
    expect(data.verification_status).toBe('PENDING');
    const json = { proof_of_address_file: address.fileId };
    const body = await api.call(operationId, 400, { token, params: { id: customer.id }, json });
    expect(body.message).toMatch(/progress|processing|review/i);
    const presignJson = { customer_id: customer.id, file_category: 'identity_back' };
    await api.call('getPresignedUrl', 400, { token, json: presignJson });
  });
});
