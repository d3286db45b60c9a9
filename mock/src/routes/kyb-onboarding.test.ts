import { afterAll, describe, expect, it } from 'vitest';
import { OPERATING_COUNTRY_REQUIRED } from '../core/customer-rules.js';
import { makeTestMock, PDF_BYTES, PNG_BYTES } from '../test-kit.js';

/** The documented business onboarding guide, replayed step by step, including a rejection and re-upload. */
describe('business onboarding guide, create → VERIFIED', async () => {
  const mock = await makeTestMock({ config: { reviewDelaySeconds: 3600 } });
  afterAll(() => mock.resetClock());
  let token = await mock.token();
  const base = '/api/external/customer';
  let customerId = '';
  let janeId = '';
  let johnId = '';
  let certificateId = '';

  it('step 1: creates the business with two owners', async () => {
    const owners = [
      {
        first_name: 'Jane',
        last_name: 'Doe',
        email: 'jane@acme.example.com',
        ownership_percentage: 60,
        id_document_type: 'passport',
        date_of_birth: '1980-01-01',
        nationality: 'GB',
      },
      {
        first_name: 'John',
        last_name: 'Smith',
        email: 'john@acme.example.com',
        ownership_percentage: 30,
        id_document_type: 'drivers_license',
      },
    ];
    const created = await mock.createBusiness(token, { owners });
    customerId = created.id;
    [janeId = '', johnId = ''] = created.ownerIds;
    expect(created.ownerIds).toHaveLength(2);
  });

  it('step 2: adds KYC data, the operating address needing operating_country', async () => {
    const kyc = (body: unknown) => mock.call('POST', `${base}/${customerId}/kyc-data`, { token, body });
    const missing = await kyc({ operating_street: '789 Operations Blvd' });
    expect(missing.status).toBe(422);
    expect(missing.json.errors.operating_country).toEqual([OPERATING_COUNTRY_REQUIRED]);
    const res = await kyc({
      street: '456 Business Ave',
      city: 'London',
      operating_street: '789 Operations Blvd',
      operating_country: 'GB',
    });
    expect(res.status).toBe(200);
    expect(res.json.message).toBe('Business customer KYC data updated successfully.');
    expect(res.json.data.kyc_data).toMatchObject({ street: '456 Business Ave', operating_country: 'GB' });
  });

  it('refuses /submit while the readiness checks fail, naming each gap', async () => {
    const submit = () => mock.call('POST', `${base}/${customerId}/submit`, { token });
    let res = await submit();
    expect(res.status).toBe(422);
    expect(res.json.message).toBe(
      'Cannot verify business customer: at least one formation document is required.',
    );
    const fileId = await mock.uploadKyb(token, `${base}/${customerId}/document/presigned-url`, undefined);
    const doc = await mock.call('POST', `${base}/${customerId}/document`, {
      token,
      body: { type: 'CERTIFICATE_OF_INCORPORATION', name: 'Certificate.pdf', file_id: fileId },
    });
    expect(doc.status).toBe(201);
    expect(doc.json).toMatchObject({
      message: 'Document created successfully',
      data: { status: 'PENDING', extension: 'pdf' },
    });
    certificateId = doc.json.data.id;
    res = await submit();
    expect(res.json.message).toBe(
      'Cannot verify business customer: ownership_percentage of all owners must sum to 100%, but currently sums to 90%.',
    );
    const update = await mock.call('PUT', `${base}/${customerId}`, {
      token,
      body: { owners: [{ id: johnId, ownership_percentage: 40 }] },
    });
    expect(update.status).toBe(200);
    res = await submit();
    expect(res.json.message).toBe(
      'Cannot verify business customer: owner Jane Doe is missing id_document_front.',
    );
  });

  it('step 3: uploads owner ID files (front for the passport, both sides for the licence)', async () => {
    const ownerPath = (owner: string) => `${base}/${customerId}/owner/${owner}`;
    const front = await mock.uploadKyb(
      token,
      `${ownerPath(janeId)}/file/presigned-url`,
      { file_category: 'id_document_front' },
      PNG_BYTES,
    );
    const res = await mock.call('POST', `${ownerPath(janeId)}/files`, {
      token,
      body: { id_document_front: front },
    });
    expect(res.status).toBe(200);
    expect(res.json.message).toBe('Owner files uploaded successfully');
    expect(res.json.data.id_document_path).toContain(front);
    const johnFront = await mock.uploadKyb(token, `${ownerPath(johnId)}/file/presigned-url`, {
      file_category: 'id_document_front',
    });
    await mock.call('POST', `${ownerPath(johnId)}/files`, { token, body: { id_document_front: johnFront } });
    const submit = await mock.call('POST', `${base}/${customerId}/submit`, { token });
    expect(submit.json.message).toBe(
      'Cannot verify business customer: owner John Smith id_document_type=drivers_license requires id_document_back.',
    );
    const johnBack = await mock.uploadKyb(token, `${ownerPath(johnId)}/file/presigned-url`, {
      file_category: 'id_document_back',
    });
    expect(
      (await mock.call('POST', `${ownerPath(johnId)}/files`, { token, body: { id_document_back: johnBack } }))
        .status,
    ).toBe(200);
  });

  it('step 5: submits; the customer and its PENDING children move to PROCESSING and lock', async () => {
    const res = await mock.call('POST', `${base}/${customerId}/submit`, { token });
    expect(res.status).toBe(200);
    expect(res.json.message).toBe('Customer submitted for verification successfully');
    expect(res.json.data.verification_status).toBe('PROCESSING');
    expect(res.json.data.owners.map((o: { status: string }) => o.status)).toEqual([
      'PROCESSING',
      'PROCESSING',
    ]);
    expect(res.json.data.documents[0].status).toBe('PROCESSING');
    const again = await mock.call('POST', `${base}/${customerId}/submit`, { token });
    expect(again.status).toBe(400);
    expect(again.json.message).toBe('Customer is already verified or under review.');
    const edit = await mock.call('PUT', `${base}/${customerId}/document/${certificateId}`, {
      token,
      body: { name: 'x.pdf' },
    });
    expect(edit.status).toBe(400);
  });

  it('rejection: one owner rejected with a comment; editing it reopens it; resubmission verifies', async () => {
    const review = await mock.call('POST', `/__mock/customers/${customerId}/review`, {
      body: { outcome: 'REJECTED', comment: 'Passport photo is blurred.', owners: { [janeId]: 'REJECTED' } },
    });
    expect(review.status).toBe(200);
    const jane = review.json.data.owners.find((o: { id: string }) => o.id === janeId);
    expect(jane).toMatchObject({ status: 'REJECTED', admin_comments: ['Passport photo is blurred.'] });
    expect(review.json.data.owners.find((o: { id: string }) => o.id === johnId).status).toBe('APPROVED');
    const front = await mock.uploadKyb(token, `${base}/${customerId}/owner/${janeId}/file/presigned-url`, {
      file_category: 'id_document_front',
    });
    const reupload = await mock.call('POST', `${base}/${customerId}/owner/${janeId}/files`, {
      token,
      body: { id_document_front: front },
    });
    expect(reupload.json.data).toMatchObject({ status: 'PENDING', admin_comments: null });
    const submit = await mock.call('POST', `${base}/${customerId}/submit`, { token });
    expect(submit.status).toBe(200);
    await mock.advance(3600);
    token = await mock.token();
    const final = await mock.call('GET', `${base}/${customerId}`, { token });
    expect(final.json.data.verification_status).toBe('VERIFIED');
    expect(final.json.data.owners.every((o: { status: string }) => o.status === 'APPROVED')).toBe(true);
    expect(final.json.data.documents[0].status).toBe('APPROVED');
  });

  it("serves the document's short-lived download URL from the object store", async () => {
    const list = await mock.call('GET', `${base}/${customerId}/document`, { token });
    const download = await mock.storage.request(list.json.data[0].url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF_BYTES);
    await mock.advance(121);
    expect((await mock.storage.request(list.json.data[0].url)).status).toBe(403);
  });
});
