import { afterEach, describe, expect, it } from 'vitest';
import { CUSTOMERS_PATH, makeTestMock, SOLE_OWNER } from '../test-kit.js';

const customer = (id: string) => `${CUSTOMERS_PATH}/${id}`;

async function mockWith(config: Record<string, unknown>) {
  const mock = await makeTestMock({ config: { reviewDelaySeconds: 60, minimalKybAllowed: true, ...config } });
  const token = await mock.token();
  const attachId = async (id: string) => {
    const front = await mock.upload(token, id, 'identity');
    return mock.call('POST', `${customer(id)}/files`, { token, body: { id_file: front.fileId } });
  };
  /** A FULL business with a sole owner's passport and a certificate: ready to submit. */
  const readyBusiness = async () => {
    const { id, ownerIds } = await mock.createBusiness(token, { owners: [SOLE_OWNER] });
    const owner = ownerIds[0] ?? '';
    const front = await mock.uploadKyb(token, `${customer(id)}/owner/${owner}/file/presigned-url`, {
      file_category: 'id_document_front',
    });
    await mock.call('POST', `${customer(id)}/owner/${owner}/files`, {
      token,
      body: { id_document_front: front },
    });
    const fileId = await mock.uploadKyb(token, `${customer(id)}/document/presigned-url`, undefined);
    const doc = await mock.call('POST', `${customer(id)}/document`, {
      token,
      body: { type: 'CERTIFICATE_OF_INCORPORATION', name: 'Certificate.pdf', file_id: fileId },
    });
    return { id, owner, document: doc.json.data.id as string };
  };
  const view = async (id: string) => (await mock.call('GET', customer(id), { token })).json.data;
  const submit = (id: string) => mock.call('POST', `${customer(id)}/submit`, { token });
  return { mock, token, attachId, readyBusiness, view, submit };
}

describe('platform settings (seed platform object and flags)', () => {
  it('external_kyc off: attaching id_file verifies an individual at once', async () => {
    const { token, mock, attachId, view } = await mockWith({ externalKyc: false });
    const id = await mock.createIndividual(token);
    expect((await attachId(id)).status).toBe(200);
    expect((await view(id)).verification_status).toBe('VERIFIED');
  });

  it('auto_verify_business_customers: /submit makes a business VERIFIED, owners and documents APPROVED', async () => {
    const { readyBusiness, submit } = await mockWith({ autoVerifyBusiness: true });
    const business = await readyBusiness();
    const res = await submit(business.id);
    expect(res.status).toBe(200);
    expect(res.json.data.verification_status).toBe('VERIFIED');
    expect(res.json.data.owners[0].status).toBe('APPROVED');
    expect(res.json.data.documents[0].status).toBe('APPROVED');
  });

  it('reads the settings from the seed platform object', async () => {
    const mock = await makeTestMock({
      seed: {
        platform: { external_kyc: false },
        clients: [{ client_id: 'mock-client', client_secret: 's', scopes: '*' }],
      },
    });
    expect(mock.deps.config.externalKyc).toBe(false);
    const token = await mock.token();
    const id = await mock.createIndividual(token);
    const front = await mock.upload(token, id, 'identity');
    await mock.call('POST', `${customer(id)}/files`, { token, body: { id_file: front.fileId } });
    expect((await mock.call('GET', customer(id), { token })).json.data.verification_status).toBe('VERIFIED');
  });
});

describe('review outcomes', async () => {
  const setup = await mockWith({});
  const { mock, token, attachId, readyBusiness, view, submit } = setup;
  afterEach(() => mock.resetClock());

  it('an individual stays PENDING while reviewed, locked; a verified one answers the "verified customer" message', async () => {
    const id = await mock.createIndividual(token);
    await attachId(id);
    expect((await view(id)).verification_status).toBe('PENDING');
    const blocked = await attachId(id).catch((error: Error) => error);
    expect(String((blocked as Error).message)).toMatch(/presign: 400/);
    await mock.advance(60);
    expect((await view(id)).verification_status).toBe('VERIFIED');
    const presign = await mock.call('POST', '/api/external/file/get-presigned-url', {
      token,
      body: { customer_id: id, file_category: 'proof_of_address' },
    });
    expect(presign.status).toBe(400);
    expect(presign.json.message).toContain('verified customer');
  });

  it('+hold keeps a review pending until it is forced', async () => {
    const id = await mock.createIndividual(token, { email: 'ada+hold@example.com' });
    await attachId(id);
    await mock.advance(30 * 86400);
    const fresh = await mock.token();
    expect((await mock.call('GET', customer(id), { token: fresh })).json.data.verification_status).toBe(
      'PENDING',
    );
    expect((await mock.read((state) => state.customers.get(id)))?.reviewDueAt).toBeDefined();
    await mock.call('POST', `/__mock/customers/${id}/review`, { body: { outcome: 'VERIFIED' } });
    expect((await mock.call('GET', customer(id), { token: fresh })).json.data.verification_status).toBe(
      'VERIFIED',
    );
  });

  it('+reject-<words> rejects with that comment', async () => {
    const id = await mock.createIndividual(token, {
      email: 'ada+reject-identity-document-is-expired@example.com',
    });
    await attachId(id);
    await mock.advance(60);
    const data = await view(id);
    expect(data.verification_status).toBe('REJECTED');
    expect(data.recent_comments[0].comment).toBe('Identity document is expired.');
  });

  it('an unedited rejected owner is rejected again, the comment naming it; only a forced review approves it', async () => {
    const business = await readyBusiness();
    await submit(business.id);
    await mock.call('POST', `/__mock/customers/${business.id}/review`, {
      body: { outcome: 'REJECTED', comment: 'Blurred passport.', owners: { [business.owner]: 'REJECTED' } },
    });
    expect((await submit(business.id)).json.data.verification_status).toBe('PROCESSING');
    await mock.advance(60);
    const data = await view(business.id);
    expect(data.verification_status).toBe('REJECTED');
    expect(data.recent_comments[0].comment).toBe(
      'Rejected again: not fixed since the last review: owner Ann Lee.',
    );
    expect(data.owners[0].status).toBe('REJECTED');
    expect(data.documents[0].status).toBe('APPROVED');
    await submit(business.id);
    await mock.call('POST', `/__mock/customers/${business.id}/review`, { body: { outcome: 'VERIFIED' } });
    expect((await view(business.id)).owners[0].status).toBe('APPROVED');
  });

  it('queues one outbox event per customer-level transition, none for individuals entering review', async () => {
    const id = await mock.createIndividual(token);
    await attachId(id);
    const events = () => mock.read((state) => state.webhookEvents.filter((e) => e.customer_id === id));
    expect(await events()).toEqual([]);
    await mock.advance(60);
    await mock.deps.webhooks.drain();
    const [event] = await events();
    expect(event?.payload).toMatchObject({ old_status: 'PENDING', new_status: 'VERIFIED' });
    expect(event?.state).toBe('unregistered');
  });
});
