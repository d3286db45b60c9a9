/**
 * 401 and 403 for every secured operation of openapi.yaml, driven by the spec: no credential, a forged
 * token, a token lacking the operation's scope, and a token issued for an empty scope.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OperationId } from './lib/contract-types.js';
import { createIndividual, individualCustomer, SAMPLE_PDF } from './lib/fixtures.js';
import type { CallOptions } from './lib/request-builder.js';
import { specOperations } from './lib/spec-judge.js';
import { api, tokenFor, tokenWithout } from './lib/suite.js';

type Sample = (customerId: string) => Omit<CallOptions, 'token' | 'invalid'>;
const any = () => randomUUID();

/** A schema-valid request per secured operation; the credential checks answer before any lookup. */
const SAMPLES: Readonly<Record<string, Sample>> = {
  getPresignedUrl: (id) => ({ json: { customer_id: id, file_category: 'identity' } }),
  uploadCustomerFiles: (id) => ({ params: { id }, json: { id_file: any() } }),
  replaceCustomerFiles: (id) => ({ params: { id }, json: { id_file: any() } }),
  createCustomer: () => ({ json: individualCustomer() }),
  listCustomers: () => ({ query: { paginate: 'true' } }),
  getCustomer: (id) => ({ params: { id } }),
  addKycData: (id) => ({ params: { id }, json: { city: 'Lagos' } }),
  updateCustomer: (id) => ({ params: { id }, json: { phone: '+2348000000000' } }),
  upgradeKybScope: (customer) => ({
    params: { customer },
    json: { owners: [{ first_name: 'A', last_name: 'B', ownership_percentage: 100 }] },
  }),
  deleteOwner: (customer) => ({ params: { customer, owner: any() } }),
  getOwnerFilePresignedUrl: (customer) => ({
    params: { customer, owner: any() },
    json: { file_category: 'id_document_front' },
  }),
  uploadOwnerFiles: (customer) => ({
    params: { customer, owner: any() },
    json: { id_document_front: any() },
  }),
  getDocumentPresignedUrl: (customer) => ({ params: { customer } }),
  registerDocument: (customer) => ({
    params: { customer },
    json: { type: 'CERTIFICATE_OF_INCORPORATION', name: 'cert.pdf', file_id: any() },
  }),
  listDocuments: (customer) => ({ params: { customer } }),
  getDocument: (customer) => ({ params: { customer, document: any() } }),
  updateDocument: (customer) => ({ params: { customer, document: any() }, json: { name: 'renamed.pdf' } }),
  deleteDocument: (customer) => ({ params: { customer, document: any() } }),
  submitCustomer: (customer) => ({ params: { customer } }),
  createWebhook: () => ({
    json: { collection_url: 'https://example.com/collection', payout_url: 'https://example.com/payout' },
  }),
  getWebhook: () => ({}),
  updateWebhook: () => ({ json: { payout_url: 'https://example.com/payout' } }),
  updateWebhookById: () => ({ params: { id: any() }, json: { payout_url: 'https://example.com/payout' } }),
  listCurrencies: () => ({}),
};

const secured = specOperations().filter((operation) => operation.scope !== undefined);
let customerId = '';
beforeAll(async () => {
  customerId = (await createIndividual()).id;
});

function sample(operationId: string): Omit<CallOptions, 'token' | 'invalid'> {
  const build = SAMPLES[operationId];
  if (!build)
    throw new Error(
      `add a schema-valid sample request for ${operationId} to SAMPLES in contracts/access.test.ts`,
    );
  return build(customerId);
}

describe.each(secured.map((operation) => [operation.operationId, operation.scope ?? ''] as const))(
  '%s (scope %s)',
  (operationId, scope) => {
    const op = operationId as OperationId;

    it('answers 401 without a credential', async () => {
      const response = await api.send(op, { ...sample(operationId), invalid: 'no credential' });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ message: expect.stringMatching(/token/i) });
    });

    it('answers 401 to a forged token', async () => {
      const [head, payload] = (await tokenFor()).split('.');
      const forged = `${head}.${payload}.${Buffer.from(SAMPLE_PDF).toString('base64url')}`;
      const response = await api.send(op, { ...sample(operationId), token: forged });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ message: expect.any(String) });
    });

    it(`answers 403 naming ${scope} to a token without it`, async () => {
      const response = await api.send(op, { ...sample(operationId), token: await tokenWithout(scope) });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ message: expect.stringContaining(scope) });
    });

    it('answers 403 to a token requested with an empty scope', async () => {
      const response = await api.send(op, { ...sample(operationId), token: await tokenFor('') });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ message: expect.stringContaining(scope) });
    });
  },
);
