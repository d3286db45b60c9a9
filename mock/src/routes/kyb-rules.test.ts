import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { CUSTOMERS_PATH as base, makeTestMock, SOLE_OWNER as owner, PDF_BYTES } from '../test-kit.js';

describe('KYB endpoints: customer type, 404s and file checks', async () => {
  const mock = await makeTestMock({ config: { maxUploadBytes: 4096 } });
  const token = await mock.token();
  const biz = await mock.createBusiness(token, { owners: [owner] });
  const ownerId = biz.ownerIds[0] ?? '';
  const ind = DEMO_IDS.individual;
  const missing = '00000000-0000-4000-8000-000000000000';

  it.each([
    ['POST', `${base}/${ind}/owner/${missing}/file/presigned-url`, { file_category: 'id_document_front' }],
    ['POST', `${base}/${ind}/owner/${missing}/files`, { id_document_front: missing }],
    ['DELETE', `${base}/${ind}/owner/${missing}`, undefined],
    ['POST', `${base}/${ind}/document/presigned-url`, undefined],
    ['POST', `${base}/${ind}/document`, { type: 'OTHER', name: 'x.pdf', file_id: missing }],
    ['GET', `${base}/${ind}/document`, undefined],
    ['GET', `${base}/${ind}/document/${missing}`, undefined],
    ['PUT', `${base}/${ind}/document/${missing}`, { name: 'y.pdf' }],
    ['DELETE', `${base}/${ind}/document/${missing}`, undefined],
  ])('%s %s answers 400 for an individual customer', async (method, path, body) => {
    const res = await mock.call(method, path, { token, ...(body === undefined ? {} : { body }) });
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/business customers only/);
  });

  it.each([
    ['an unknown customer', `${base}/${missing}/document`, 'Customer not found'],
    ['an unknown document', `${base}/${biz.id}/document/${missing}`, 'Document not found'],
  ])('answers 404 for %s', async (_label, path, message) => {
    const res = await mock.call('GET', path, { token });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ status: false, message });
  });

  it('answers 404 for an unknown owner', async () => {
    const res = await mock.call('POST', `${base}/${biz.id}/owner/${missing}/file/presigned-url`, {
      token,
      body: { file_category: 'id_document_front' },
    });
    expect(res.status).toBe(404);
    expect(res.json.message).toBe('Owner not found');
  });

  it('refuses an owner category outside id_document_front/back with 422', async () => {
    const res = await mock.call('POST', `${base}/${biz.id}/owner/${ownerId}/file/presigned-url`, {
      token,
      body: { file_category: 'identity' },
    });
    expect(res.status).toBe(422);
  });

  it('checks document files: uploaded, same customer, fresh, pdf/jpeg/png; a file at the size limit passes', async () => {
    const other = await mock.createBusiness(token);
    const presignPath = (id: string) => `${base}/${id}/document/presigned-url`;
    const register = (fileId: string) =>
      mock.call('POST', `${base}/${biz.id}/document`, {
        token,
        body: { type: 'LICENSE', name: 'l.pdf', file_id: fileId },
      });
    const notUploaded = (await mock.call('POST', presignPath(biz.id), { token })).json.data.file_id;
    const othersFile = await mock.uploadKyb(token, presignPath(other.id), undefined);
    const atLimit = await mock.uploadKyb(
      token,
      presignPath(biz.id),
      undefined,
      Buffer.concat([PDF_BYTES, Buffer.alloc(4096)]).subarray(0, 4096),
    );
    const text = await mock.uploadKyb(
      token,
      presignPath(biz.id),
      undefined,
      new TextEncoder().encode('plain text'),
    );
    const used = await mock.uploadKyb(token, presignPath(biz.id), undefined);
    expect((await register(used)).status).toBe(201);
    for (const [fileId, message] of [
      [notUploaded, /not been uploaded/],
      [othersFile, /is invalid/],
      [text, /PDF, JPEG or PNG/],
      [used, /already been attached/],
    ] as const) {
      const res = await register(fileId);
      expect(res.status, String(message)).toBe(422);
      expect(res.json.message).toMatch(message);
    }
    expect((await register(atLimit)).status).toBe(201);
  });
});
