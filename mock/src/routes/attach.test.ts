import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { makeTestMock, PDF_BYTES } from '../test-kit.js';

const files = (id: string) => `/api/external/customer/${id}/files`;

describe('attaching files: POST and PUT /api/external/customer/{id}/files', async () => {
  const mock = await makeTestMock({ config: { reviewDelaySeconds: 120 } });
  afterEach(() => mock.resetClock());
  const token = await mock.token();
  const attach = (id: string, body: unknown, method = 'POST') =>
    mock.call(method, files(id), { token, body });

  it('attaches every slot, then id_file starts verification (still PENDING), completed on the virtual clock', async () => {
    const id = await mock.createIndividual(token);
    const back = await mock.upload(token, id, 'identity_back');
    const proof = await mock.upload(token, id, 'proof_of_address', PDF_BYTES);
    const live = await mock.upload(token, id, 'liveness_check');
    const res = await attach(id, {
      id_file_back: back.fileId,
      proof_of_address_file: proof.fileId,
      liveness_check_file: live.fileId,
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ message: 'Customer files uploaded successfully' });
    const get = () => mock.call('GET', `/api/external/customer/${id}`, { token });
    expect((await get()).json.data.verification_status).toBe('PENDING');
    const front = await mock.upload(token, id, 'identity');
    expect((await attach(id, { id_file: front.fileId }, 'PUT')).status).toBe(200);
    // Individuals never show PROCESSING (api-contract §4): PENDING while the review runs.
    expect((await get()).json.data.verification_status).toBe('PENDING');
    await mock.advance(119);
    expect((await get()).json.data.verification_status).toBe('PENDING');
    await mock.advance(1);
    expect((await get()).json.data.verification_status).toBe('VERIFIED');
  });

  it('blocks uploads while the review runs (400)', async () => {
    const id = await mock.createIndividual(token);
    const front = await mock.upload(token, id, 'identity');
    const proof = await mock.upload(token, id, 'proof_of_address');
    expect((await attach(id, { id_file: front.fileId })).status).toBe(200);
    const blocked = await attach(id, { proof_of_address_file: proof.fileId });
    expect(blocked.status).toBe(400);
    expect(blocked.json.message).toMatch(/in progress/);
    const presign = await mock.call('POST', '/api/external/file/get-presigned-url', {
      token,
      body: { customer_id: id, file_category: 'identity' },
    });
    expect(presign.status).toBe(400);
  });

  it('treats the same file sent to the same slot again as a harmless retry', async () => {
    const id = await mock.createIndividual(token);
    const proof = await mock.upload(token, id, 'proof_of_address');
    expect((await attach(id, { proof_of_address_file: proof.fileId })).status).toBe(200);
    expect((await attach(id, { proof_of_address_file: proof.fileId })).status).toBe(200);
  });

  it('lets a newer upload override the slot and frees the old file', async () => {
    const id = await mock.createIndividual(token);
    const a = await mock.upload(token, id, 'proof_of_address');
    const b = await mock.upload(token, id, 'proof_of_address');
    expect((await attach(id, { proof_of_address_file: a.fileId })).status).toBe(200);
    expect((await attach(id, { proof_of_address_file: b.fileId })).status).toBe(200);
    expect((await mock.read((s) => s.customers.get(id)))?.slots.proof_of_address_file).toBe(b.fileId);
  });

  it('refuses a file of another customer, a wrong slot, an upload never made, and a file already attached', async () => {
    const id = await mock.createIndividual(token);
    const other = await mock.createIndividual(token);
    const othersFile = await mock.upload(token, other, 'proof_of_address');
    const identity = await mock.upload(token, id, 'identity');
    const notUploaded = await mock.call('POST', '/api/external/file/get-presigned-url', {
      token,
      body: { customer_id: id, file_category: 'liveness_check' },
    });
    const cases: Array<[string, Record<string, string>, string, RegExp]> = [
      [
        'another customer',
        { proof_of_address_file: othersFile.fileId },
        'proof_of_address_file',
        /is invalid/,
      ],
      [
        'a wrong slot',
        { proof_of_address_file: identity.fileId },
        'proof_of_address_file',
        /file_category proof_of_address/,
      ],
      [
        'never uploaded',
        { liveness_check_file: notUploaded.json.file_id },
        'liveness_check_file',
        /not been uploaded/,
      ],
      ['never issued', { id_file: '00000000-0000-4000-8000-000000000000' }, 'id_file', /is invalid/],
    ];
    for (const [label, body, field, message] of cases) {
      const res = await attach(id, body);
      expect(res.status, label).toBe(422);
      expect(res.json.errors[field]?.[0], label).toMatch(message);
    }
    const mine = await mock.upload(token, other, 'liveness_check');
    expect((await attach(other, { liveness_check_file: mine.fileId })).status).toBe(200);
    const third = await mock.createIndividual(token);
    const reuse = await attach(third, { liveness_check_file: mine.fileId });
    expect(reuse.status).toBe(422);
  });

  it('changes nothing when one slot of several is refused', async () => {
    const id = await mock.createIndividual(token);
    const good = await mock.upload(token, id, 'proof_of_address');
    const res = await attach(id, { proof_of_address_file: good.fileId, id_file: 'nope' });
    expect(res.status).toBe(422);
    expect((await mock.read((s) => s.customers.get(id)))?.slots).toEqual({});
    expect((await mock.read((s) => s.files.get(good.fileId)))?.attachedTo).toBeUndefined();
  });

  it('answers 400 for a business customer and 404 for an unknown one', async () => {
    const business = await attach(DEMO_IDS.business, { id_file: 'x' });
    expect(business.status).toBe(400);
    expect(business.json.status).toBe(false);
    const unknown = await attach('00000000-0000-4000-8000-000000000000', { id_file: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.message).toBe('Customer not found');
  });

  it('refuses an empty body with 422', async () => {
    const res = await attach(DEMO_IDS.individual, {});
    expect(res.status).toBe(422);
  });

  it('lets a rejected customer upload again (e-mail with +reject rehearses a rejection)', async () => {
    const id = await mock.createIndividual(token, { email: 'someone+reject@example.com' });
    const front = await mock.upload(token, id, 'identity');
    await attach(id, { id_file: front.fileId });
    await mock.advance(120);
    const after = await mock.call('GET', `/api/external/customer/${id}`, { token });
    expect(after.json.data.verification_status).toBe('REJECTED');
    const again = await mock.upload(token, id, 'identity');
    expect((await attach(id, { id_file: again.fileId })).status).toBe(200);
  });
});
