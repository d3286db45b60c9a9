/** Business owners: getOwnerFilePresignedUrl, uploadOwnerFiles, deleteOwner and upgradeKybScope (MINIMAL → FULL). */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  businessCustomer,
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

const front = { file_category: 'id_document_front' } as const;

describe('owner files and owners', () => {
  let customer = '';
  let owners: string[] = [];
  beforeAll(async () => {
    const created = await createBusiness({ owners: [owner(uniqueTag(), 60), owner(uniqueTag(), 40)] });
    customer = created.id;
    owners = (created.owners ?? []).map((item) => item.id);
  });

  it('presigns an owner ID file (nested, 200) and registers it in its slot (200)', async () => {
    const params = { customer, owner: owners[0] ?? '' };
    const presigned = await api.call('getOwnerFilePresignedUrl', 200, { token, params, json: front });
    expect(new URL(presigned.data.url).searchParams.get('X-Amz-Signature')).toBeTruthy();
    const fileId = await putSample(presigned.data);
    const { data } = await api.call('uploadOwnerFiles', 200, {
      token,
      params,
      json: { id_document_front: fileId },
    });
    expect(data.id).toBe(params.owner);
  });

  it('refuses a file that was never uploaded in an owner slot (422)', async () => {
    const params = { customer, owner: owners[0] ?? '' };
    const presigned = await api.call('getOwnerFilePresignedUrl', 200, { token, params, json: front });
    const body = await api.call('uploadOwnerFiles', 422, {
      token,
      params,
      json: { id_document_front: presigned.data.file_id },
    });
    expect(body.message).toMatch(/id[ _]document[ _]front/i);
  });

  it('refuses a side outside the list (422)', async () => {
    const params = { customer, owner: owners[0] ?? '' };
    const json = { file_category: 'selfie' };
    await api.call('getOwnerFilePresignedUrl', 422, {
      token,
      params,
      json,
      invalid: 'file_category outside its enum',
    });
  });

  it('deletes an owner (200), after which the owner is unknown (404)', async () => {
    const params = { customer, owner: owners[1] ?? '' };
    expect((await api.call('deleteOwner', 200, { token, params })).message).toBe(
      'Owner deleted successfully',
    );
    await api.call('deleteOwner', 404, { token, params });
    await api.call('getOwnerFilePresignedUrl', 404, { token, params, json: front });
    await api.call('uploadOwnerFiles', 404, { token, params, json: { id_document_front: unknownId() } });
  });

  it('refuses an individual customer on the owner endpoints (400)', async () => {
    const params = { customer: individual, owner: unknownId() };
    await api.call('getOwnerFilePresignedUrl', 400, { token, params, json: front });
    await api.call('uploadOwnerFiles', 400, { token, params, json: { id_document_front: unknownId() } });
    const body = await api.call('deleteOwner', 400, { token, params });
    expect(body.message).toMatch(/business/i);
  });
});

describe('upgradeKybScope', () => {
  const json = () => ({ owners: [owner(uniqueTag())] });

  it('moves a MINIMAL business to FULL with its owners (200)', async (context) => {
    const minimal = await api.send('createCustomer', {
      token,
      json: businessCustomer(uniqueTag(), { kyb_scope: 'MINIMAL' }),
    });
    if (minimal.status === 422) context.skip('the target platform is not allow-listed for kyb_scope MINIMAL');
    const customer = (minimal.body as { data: { id: string } }).data.id;
    const { data } = await api.call('upgradeKybScope', 200, { token, params: { customer }, json: json() });
    expect(data.kyb_scope).toBe('FULL');
  });

  it('refuses a FULL business and an individual (422), and an unknown customer (404)', async () => {
    const full = (await createBusiness()).id;
    const body = await api.call('upgradeKybScope', 422, { token, params: { customer: full }, json: json() });
    expect(body.message).toMatch(/kyb_scope=FULL/);
    await api.call('upgradeKybScope', 422, { token, params: { customer: individual }, json: json() });
    await api.call('upgradeKybScope', 404, { token, params: { customer: unknownId() }, json: json() });
  });

  it('refuses a business in review (400)', async (context) => {
    const minimal = await api.send('createCustomer', {
      token,
      json: businessCustomer(uniqueTag(), { kyb_scope: 'MINIMAL' }),
    });
    if (minimal.status === 422) context.skip('the target platform is not allow-listed for kyb_scope MINIMAL');
    const customer = (minimal.body as { data: { id: string } }).data.id;
    await registerDocument(customer);
    await api.call('submitCustomer', 200, { token, params: { customer } });
    const body = await api.call('upgradeKybScope', 400, { token, params: { customer }, json: json() });
    expect(body.message).toBe('Customer is under review and cannot be upgraded right now.');
  });
});
