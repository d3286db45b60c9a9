/** Expiry and review timing, driven by the mock's virtual clock (`POST /__mock/clock/advance`), never by sleeping. */
import { describe, expect, it } from 'vitest';
import { createIndividual, presign, SAMPLE_PDF, uploadFile } from '../lib/fixtures.js';
import { advanceClock, hasMockControls } from '../lib/mock-controls.js';
import { api, tokenFor } from '../lib/suite.js';

describe.skipIf(!hasMockControls)('virtual clock', () => {
  it('refuses a token once its expires_in has passed (401)', async () => {
    const token = await tokenFor();
    const customer = await createIndividual();
    await api.call('getCustomer', 200, { token, params: { id: customer.id } });
    await advanceClock(901);
    const body = await api.call('getCustomer', 401, { token, params: { id: customer.id } });
    expect(body.message).toBe('Invalid or missing access token');
  });

  it('refuses a presigned URL after its 5 minutes with 403 AccessDenied "Request has expired"', async () => {
    const issued = await presign((await createIndividual()).id, 'identity');
    await advanceClock(301);
    const refused = await api.putObject(issued.url, SAMPLE_PDF);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('<Code>AccessDenied</Code>');
    expect(refused.text).toMatch(/expired/i);
  });

  it('still accepts the URL just before it expires (200)', async () => {
    const issued = await presign((await createIndividual()).id, 'identity');
    await advanceClock(290);
    expect((await api.putObject(issued.url, SAMPLE_PDF)).status).toBe(200);
  });

  it('completes the review after the delay as VERIFIED, which is final (400 on new files)', async () => {
    const customer = await createIndividual();
    const identity = await uploadFile(customer.id, 'identity');
    const address = await uploadFile(customer.id, 'proof_of_address');
    const params = { id: customer.id };
    await api.call('uploadCustomerFiles', 200, {
      token: await tokenFor(),
      params,
      json: { id_file: identity.fileId },
    });
    await advanceClock(61);
    const token = await tokenFor();
    const { data } = await api.call('getCustomer', 200, { token, params });
    expect(data.verification_status).toBe('VERIFIED');
    const json = { proof_of_address_file: address.fileId };
    const body = await api.call('replaceCustomerFiles', 400, { token, params, json });
    expect(body.message).toMatch(/verified/i);
    await api.call('getPresignedUrl', 400, {
      token,
      json: { customer_id: customer.id, file_category: 'identity' },
    });
  });

  it('rejects a +reject e-mail when the review completes, and lets it upload again', async () => {
    const customer = await createIndividual(`contract+reject-${Date.now().toString(36)}@example.com`);
    const first = await uploadFile(customer.id, 'identity');
    const params = { id: customer.id };
    await api.call('uploadCustomerFiles', 200, {
      token: await tokenFor(),
      params,
      json: { id_file: first.fileId },
    });
    await advanceClock(61);
    const token = await tokenFor();
    expect((await api.call('getCustomer', 200, { token, params })).data.verification_status).toBe('REJECTED');
    const second = await uploadFile(customer.id, 'identity');
    await api.call('uploadCustomerFiles', 200, { token, params, json: { id_file: second.fileId } });
    // While the new review runs the customer stays REJECTED (individuals never show PROCESSING).
    expect((await api.call('getCustomer', 200, { token, params })).data.verification_status).toBe('REJECTED');
  });
});
