/** Mock controls: forced review outcomes, the demo clients' scopes and legacy key, and `POST /__mock/reset`. */
import { describe, expect, it } from 'vitest';
import { createIndividual, individualCustomer, presign, SAMPLE_PDF, uploadFile } from '../lib/fixtures.js';
import { forceReview, hasMockControls, mockClientIds, resetMock } from '../lib/mock-controls.js';
import { api, tokenFor } from '../lib/suite.js';

async function demoToken(clientId: string, secret: string, scope: string): Promise<string> {
  const form = { grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope };
  return (await api.call('issueToken', 200, { form })).access_token;
}

describe.skipIf(!hasMockControls)('forced review outcomes', () => {
  it.each(['VERIFIED', 'REJECTED'] as const)('sets %s on demand', async (outcome) => {
    const customer = await createIndividual();
    const { fileId } = await uploadFile(customer.id, 'identity');
    const token = await tokenFor();
    await api.call('uploadCustomerFiles', 200, {
      token,
      params: { id: customer.id },
      json: { id_file: fileId },
    });
    await forceReview(customer.id, outcome);
    const { data } = await api.call('getCustomer', 200, { token, params: { id: customer.id } });
    expect(data.verification_status).toBe(outcome);
  });
});

describe.skipIf(!hasMockControls)('demo clients', () => {
  it('mock-no-upload holds no file:upload: presign answers 403 naming it', async (context) => {
    if (!(await mockClientIds()).includes('mock-no-upload')) context.skip('the target has no demo data');
    const token = await demoToken('mock-no-upload', 'mock-no-upload-secret', 'customer:read customer:write');
    const json = { customer_id: (await createIndividual()).id, file_category: 'identity' };
    const body = await api.call('getPresignedUrl', 403, { token, json });
    expect(body.message).toContain('file:upload');
  });

  it('mock-readonly holds no customer:write: create answers 403, and asking for it drops it from the token', async (context) => {
    if (!(await mockClientIds()).includes('mock-readonly')) context.skip('the target has no demo data');
    const token = await demoToken('mock-readonly', 'mock-readonly-secret', 'customer:read');
    const body = await api.call('createCustomer', 403, { token, json: individualCustomer() });
    expect(body.message).toContain('customer:write');
    const form = {
      grant_type: 'client_credentials',
      client_id: 'mock-readonly',
      client_secret: 'mock-readonly-secret',
      scope: 'customer:write',
    };
    const dropped = (await api.call('issueToken', 200, { form })).access_token;
    const refused = await api.call('createCustomer', 403, { token: dropped, json: individualCustomer() });
    expect(refused.message).toContain('customer:write');
  });

  it('accepts the legacy x-blaaiz-api-key, and refuses an unknown one (401)', async (context) => {
    if (!(await mockClientIds()).includes('mock-client')) context.skip('the target has no demo data');
    const id = (await createIndividual()).id;
    const legacy = { 'x-blaaiz-api-key': 'mock-legacy-key' };
    const { data } = await api.call('getCustomer', 200, { params: { id }, headers: legacy });
    expect(data.id).toBe(id);
    const unknown = { 'x-blaaiz-api-key': 'not-a-key' };
    await api.call('getCustomer', 401, { params: { id }, headers: unknown });
  });
});

// Last: a reset forgets every customer this file created.
describe.skipIf(!hasMockControls)('reset', () => {
  it('forgets customers and uploads: a URL issued before answers 404 NoSuchKey, the customer 404', async () => {
    const customer = await createIndividual();
    const issued = await presign(customer.id, 'identity');
    await resetMock();
    const refused = await api.putObject(issued.url, SAMPLE_PDF);
    expect(refused.status).toBe(404);
    expect(refused.text).toContain('<Code>NoSuchKey</Code>');
    await api.call('getCustomer', 404, { token: await tokenFor(), params: { id: customer.id } });
  });

  it('keeps serving new customers after a reset (201, then 200)', async () => {
    await resetMock();
    const customer = await createIndividual();
    const { data } = await api.call('getCustomer', 200, {
      token: await tokenFor(),
      params: { id: customer.id },
    });
    expect(data.verification_status).toBe('PENDING');
  });
});
