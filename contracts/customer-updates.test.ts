/** updateCustomer and addKycData: partial updates, the review lock (400), cross-field rules (422) and 404. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createBusiness, createIndividual, unknownId, uploadFile } from './lib/fixtures.js';
import { api, tokenFor } from './lib/suite.js';

let token = '';
let inReview = '';
beforeAll(async () => {
  token = await tokenFor();
  const customer = await createIndividual();
  const { fileId } = await uploadFile(customer.id, 'identity');
  await api.call('uploadCustomerFiles', 200, {
    token,
    params: { id: customer.id },
    json: { id_file: fileId },
  });
  inReview = customer.id;
});

describe('updateCustomer', () => {
  it('changes only the fields sent (200)', async () => {
    const customer = await createIndividual();
    const { data } = await api.call('updateCustomer', 200, {
      token,
      params: { id: customer.id },
      json: { phone: '+2348099999999' },
    });
    expect(data).toMatchObject({ id: customer.id, phone: '+2348099999999', email: customer.email });
  });

  it('refuses a business country that differs from its incorporation country (422)', async () => {
    const business = await createBusiness();
    const body = await api.call('updateCustomer', 422, {
      token,
      params: { id: business.id },
      json: { country: 'GH' },
    });
    expect(body.message).toMatch(/country must (equal|match) incorporation[ _]country/i);
  });

  it('refuses changes while the customer is in review (400)', async () => {
    const body = await api.call('updateCustomer', 400, {
      token,
      params: { id: inReview },
      json: { phone: '+2348011111111' },
    });
    expect(body.message).toMatch(/under review/i);
  });

  it('answers 404 for an unknown customer', async () => {
    await api.call('updateCustomer', 404, {
      token,
      params: { id: unknownId() },
      json: { phone: '+2348011111111' },
    });
  });
});

describe('addKycData', () => {
  it('records address and document dates in kyc_data (200)', async () => {
    const customer = await createIndividual();
    const json = { street: '12 Marina Road', city: 'Lagos', state: 'Lagos', id_expiry_date: '2031-02-28' };
    const { data } = await api.call('addKycData', 200, { token, params: { id: customer.id }, json });
    expect(data.kyc_data).toMatchObject({ city: 'Lagos', id_expiry_date: '2031-02-28' });
  });

  it('refuses an operating address without operating_country (422)', async () => {
    const business = await createBusiness();
    const body = await api.call('addKycData', 422, {
      token,
      params: { id: business.id },
      json: { operating_city: 'Accra' },
    });
    expect(body.message).toMatch(/operating/i);
  });

  it('refuses changes while the customer is in review (400)', async () => {
    await api.call('addKycData', 400, { token, params: { id: inReview }, json: { city: 'Abuja' } });
  });

  it('answers 404 for an unknown customer', async () => {
    const body = await api.call('addKycData', 404, {
      token,
      params: { id: unknownId() },
      json: { city: 'Abuja' },
    });
    expect(body.message).toMatch(/not found/i);
  });
});
