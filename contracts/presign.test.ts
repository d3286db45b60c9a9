/** getPresignedUrl: a flat answer with an S3-shaped URL (200), and its 400, 404 and 422. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createBusiness, createIndividual, unknownId } from './lib/fixtures.js';
import { api, tokenFor } from './lib/suite.js';

const S3_QUERY = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
];

describe('getPresignedUrl', () => {
  let customerId = '';
  let businessId = '';
  let token = '';

  beforeAll(async () => {
    token = await tokenFor();
    customerId = (await createIndividual()).id;
    businessId = (await createBusiness()).id;
  });

  it('issues a file_id and a presigned S3-shaped https URL, flat, with the headers to send (200)', async () => {
    const body = await api.call('getPresignedUrl', 200, {
      token,
      json: { customer_id: customerId, file_category: 'identity' },
    });
    expect(body).not.toHaveProperty('data');
    expect(body.file_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    const url = new URL(body.url);
    expect(url.protocol).toBe('https:');
    for (const name of S3_QUERY) expect(url.searchParams.get(name), name).toBeTruthy();
    expect(typeof body.headers).toBe('object');
  });

  it.each(['identity_back', 'proof_of_address', 'liveness_check'] as const)(
    'accepts category %s (200)',
    async (category) => {
      const body = await api.call('getPresignedUrl', 200, {
        token,
        json: { customer_id: customerId, file_category: category },
      });
      expect(body.url).toContain(body.file_id);
    },
  );

  it('refuses a business customer (400)', async () => {
    const body = await api.call('getPresignedUrl', 400, {
      token,
      json: { customer_id: businessId, file_category: 'identity' },
    });
    expect(body.message).toMatch(/individual|business/i);
  });

  it('answers 404 for a customer that does not exist', async () => {
    const body = await api.call('getPresignedUrl', 404, {
      token,
      json: { customer_id: unknownId(), file_category: 'identity' },
    });
    expect(body.message).toMatch(/not found/i);
  });

  it('refuses a category outside the list with field errors (422)', async () => {
    const body = await api.call('getPresignedUrl', 422, {
      token,
      json: { customer_id: customerId, file_category: 'selfie' },
      invalid: 'file_category outside its enum',
    });
    expect(Object.keys(body.errors)).toContain('file_category');
  });

  it('refuses a missing category with field errors (422)', async () => {
    const body = await api.call('getPresignedUrl', 422, {
      token,
      json: { customer_id: customerId },
      invalid: 'file_category missing',
    });
    expect(body.errors.file_category?.[0]).toMatch(/required/i);
  });
});
