import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { makeTestMock, PDF_BYTES } from '../test-kit.js';

const base = '/api/external/customer';
const owner = {
  first_name: 'Ann',
  last_name: 'Lee',
  ownership_percentage: 100,
  id_document_type: 'passport',
};

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

describe('KYB locks and edits', async () => {
  const mock = await makeTestMock();
  const token = await mock.token();

  async function verifiedWithDocument() {
    const biz = await mock.createBusiness(token, { owners: [owner] });
    const ownerId = biz.ownerIds[0] ?? '';
    const front = await mock.uploadKyb(token, `${base}/${biz.id}/owner/${ownerId}/file/presigned-url`, {
      file_category: 'id_document_front',
    });
    await mock.call('POST', `${base}/${biz.id}/owner/${ownerId}/files`, {
      token,
      body: { id_document_front: front },
    });
    const fileId = await mock.uploadKyb(token, `${base}/${biz.id}/document/presigned-url`, undefined);
    const doc = await mock.call('POST', `${base}/${biz.id}/document`, {
      token,
      body: { type: 'CAC_STATUS_REPORT', name: 'cac.pdf', file_id: fileId },
    });
    return { id: biz.id, ownerId, documentId: doc.json.data.id as string };
  }

  it('locks owners and documents while PROCESSING and after VERIFIED, with the documented messages', async () => {
    const c = await verifiedWithDocument();
    expect((await mock.call('POST', `${base}/${c.id}/submit`, { token })).status).toBe(200);
    const cases: Array<[string, string, unknown, string]> = [
      [
        'DELETE',
        `${base}/${c.id}/owner/${c.ownerId}`,
        undefined,
        'Cannot remove an owner that has been approved or is currently under review.',
      ],
      [
        'POST',
        `${base}/${c.id}/owner/${c.ownerId}/file/presigned-url`,
        { file_category: 'id_document_back' },
        'Cannot upload files for an owner that has been approved or is currently under review.',
      ],
      [
        'PUT',
        `${base}/${c.id}/document/${c.documentId}`,
        { name: 'n.pdf' },
        'Cannot modify documents while customer verification is in progress.',
      ],
      [
        'DELETE',
        `${base}/${c.id}/document/${c.documentId}`,
        undefined,
        'Cannot modify documents while customer verification is in progress.',
      ],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await mock.call(method, path, { token, ...(body === undefined ? {} : { body }) });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.json.message).toBe(message);
    }
    await mock.call('POST', `/__mock/customers/${c.id}/review`, { body: { outcome: 'VERIFIED' } });
    const verified = await mock.call('DELETE', `${base}/${c.id}/document/${c.documentId}`, { token });
    expect(verified.status).toBe(400);
  });

  it('lets a REJECTED document be edited, which resets it to PENDING and clears admin_comments', async () => {
    const c = await verifiedWithDocument();
    await mock.call('POST', `${base}/${c.id}/submit`, { token });
    await mock.call('POST', `/__mock/customers/${c.id}/review`, {
      body: { outcome: 'REJECTED', comment: 'Expired report', documents: { [c.documentId]: 'REJECTED' } },
    });
    const approvedOwner = await mock.call('DELETE', `${base}/${c.id}/owner/${c.ownerId}`, { token });
    expect(approvedOwner.status).toBe(400);
    const edit = await mock.call('PUT', `${base}/${c.id}/document/${c.documentId}`, {
      token,
      body: { description: 'Renewed' },
    });
    expect(edit.status).toBe(200);
    expect(edit.json.data).toMatchObject({ status: 'PENDING', admin_comments: null, description: 'Renewed' });
    expect((await mock.call('DELETE', `${base}/${c.id}/document/${c.documentId}`, { token })).json).toEqual({
      message: 'Document deleted successfully',
    });
  });

  it('approves every owner and document, rejected ones included, when the customer is VERIFIED', async () => {
    const c = await verifiedWithDocument();
    await mock.call('POST', `${base}/${c.id}/submit`, { token });
    await mock.call('POST', `/__mock/customers/${c.id}/review`, {
      body: { outcome: 'REJECTED', documents: { [c.documentId]: 'REJECTED' } },
    });
    expect((await mock.call('POST', `${base}/${c.id}/submit`, { token })).status).toBe(200);
    const done = await mock.call('POST', `/__mock/customers/${c.id}/review`, {
      body: { outcome: 'VERIFIED' },
    });
    expect(done.json.data.documents[0]).toMatchObject({ status: 'APPROVED', admin_comments: null });
    expect(done.json.data.owners[0].status).toBe('APPROVED');
  });

  it('updates: explicit null clears, kyb_scope is read-only, verified customers only fill nulls', async () => {
    const biz = await mock.createBusiness(token, {
      trading_name: 'Acme',
      website: 'https://acme.example.com',
    });
    const path = `${base}/${biz.id}`;
    const cleared = await mock.call('PUT', path, { token, body: { trading_name: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.json.data.trading_name).toBeNull();
    expect((await mock.call('PUT', path, { token, body: { kyb_scope: 'MINIMAL' } })).status).toBe(422);
    const mismatch = await mock.call('PUT', path, { token, body: { country: 'NG' } });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.message).toMatch(/country must equal incorporation_country/);
    await mock.call('POST', `/__mock/customers/${biz.id}/review`, { body: { outcome: 'VERIFIED' } });
    expect((await mock.call('PUT', path, { token, body: { trading_name: 'Acme Two' } })).status).toBe(200);
    const overwrite = await mock.call('PUT', path, { token, body: { website: 'https://other.example.com' } });
    expect(overwrite.status).toBe(400);
    expect(overwrite.json.message).toBe('Verified customers can only update fields that are currently null');
  });

  it('keeps at most 5 owners, and deletes an editable owner', async () => {
    const biz = await mock.createBusiness(token, { owners: [owner, { ...owner, first_name: 'Bo' }] });
    const four = Array.from({ length: 4 }, (_, i) => ({ first_name: `N${i}`, last_name: 'X' }));
    expect((await mock.call('PUT', `${base}/${biz.id}`, { token, body: { owners: four } })).status).toBe(422);
    const del = await mock.call('DELETE', `${base}/${biz.id}/owner/${biz.ownerIds[1]}`, { token });
    expect(del.json).toEqual({ message: 'Owner deleted successfully' });
    const after = await mock.call('GET', `${base}/${biz.id}`, { token });
    expect(after.json.data.owners).toHaveLength(1);
  });
});

describe('kyb_scope MINIMAL and the upgrade to FULL', async () => {
  const mock = await makeTestMock({ config: { minimalKybAllowed: true } });
  const token = await mock.token();

  it('submits a MINIMAL business with a formation document and no owners, then upgrades it', async () => {
    const biz = await mock.createBusiness(token, { kyb_scope: 'MINIMAL' });
    const fileId = await mock.uploadKyb(token, `${base}/${biz.id}/document/presigned-url`, undefined);
    await mock.call('POST', `${base}/${biz.id}/document`, {
      token,
      body: { type: 'ARTICLES_OF_INCORPORATION', name: 'a.pdf', file_id: fileId },
    });
    expect((await mock.call('POST', `${base}/${biz.id}/submit`, { token })).status).toBe(200);
    const upgrade = (body: unknown) =>
      mock.call('POST', `${base}/${biz.id}/upgrade-kyb-scope`, { token, body });
    expect((await upgrade({ owners: [owner] })).json.message).toBe(
      'Customer is under review and cannot be upgraded right now.',
    );
    await mock.call('POST', `/__mock/customers/${biz.id}/review`, { body: { outcome: 'VERIFIED' } });
    const cases: Array<[unknown, string]> = [
      [
        { owners: [{ ...owner, ownership_percentage: 90 }] },
        'owners.ownership_percentage must sum to 100; got 90.',
      ],
      [
        {
          owners: [
            { ...owner, ownership_percentage: 50, email: 'a@x.co' },
            { ...owner, ownership_percentage: 50, email: 'A@x.co' },
          ],
        },
        'Owner emails must be unique within the customer.',
      ],
      [{ owners: [owner], country: 'NG' }, 'country must equal incorporation_country.'],
    ];
    for (const [body, message] of cases) {
      const res = await upgrade(body);
      expect(res.status).toBe(422);
      expect(res.json.message).toBe(message);
    }
    const ok = await upgrade({ owners: [owner] });
    expect(ok.status).toBe(200);
    expect(ok.json.data).toMatchObject({ kyb_scope: 'FULL', verification_status: 'PENDING' });
    expect((await upgrade({ owners: [owner] })).json.message).toBe('Customer is already at kyb_scope=FULL.');
    const individual = await mock.call('POST', `${base}/${DEMO_IDS.individual}/upgrade-kyb-scope`, {
      token,
      body: { owners: [owner] },
    });
    expect(individual.json.message).toBe('Only business customers can be upgraded.');
  });

  it('needs id_file before an individual can be submitted', async () => {
    const id = await mock.createIndividual(token);
    const res = await mock.call('POST', `${base}/${id}/submit`, { token });
    expect(res.status).toBe(422);
    expect(res.json.message).toBe('Cannot verify individual customer: id_file is required.');
  });
});
