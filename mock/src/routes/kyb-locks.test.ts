import { describe, expect, it } from 'vitest';
import { CUSTOMERS_PATH as base, makeTestMock, SOLE_OWNER as owner } from '../test-kit.js';

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

  it('keeps registration pairs unique on update, and frees the old pair once changed', async () => {
    const a = await mock.createBusiness(token, { registration_number: 'UPD-A' });
    const b = await mock.createBusiness(token, { registration_number: 'UPD-B' });
    const taken = await mock.call('PUT', `${base}/${b.id}`, {
      token,
      body: { registration_number: 'UPD-A' },
    });
    expect(taken.status).toBe(422);
    expect(
      (await mock.call('PUT', `${base}/${a.id}`, { token, body: { registration_number: 'UPD-A' } })).status,
    ).toBe(200);
    expect(
      (await mock.call('PUT', `${base}/${a.id}`, { token, body: { registration_number: 'UPD-C' } })).status,
    ).toBe(200);
    expect(
      (await mock.call('PUT', `${base}/${b.id}`, { token, body: { registration_number: 'UPD-A' } })).status,
    ).toBe(200);
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
