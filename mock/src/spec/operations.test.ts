import { describe, expect, it } from 'vitest';
import { loadSpec } from './load-spec.js';
import { listOperations } from './operations.js';

describe('listOperations', () => {
  const operations = listOperations(loadSpec());
  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));

  it.each([
    ['issueToken', 'POST', '/oauth/token', undefined, false],
    ['getPresignedUrl', 'POST', '/api/external/file/get-presigned-url', 'file:upload', true],
    ['uploadCustomerFiles', 'POST', '/api/external/customer/{id}/files', 'customer:write', true],
    ['replaceCustomerFiles', 'PUT', '/api/external/customer/{id}/files', 'customer:write', true],
    ['createCustomer', 'POST', '/api/external/customer', 'customer:write', true],
    ['listCustomers', 'GET', '/api/external/customer', 'customer:read', true],
    ['getCustomer', 'GET', '/api/external/customer/{id}', 'customer:read', true],
    ['putObject', 'PUT', '/blaaiz-uploads/{objectKey}', undefined, false],
    ['updateCustomer', 'PUT', '/api/external/customer/{id}', 'customer:write', true],
    [
      'upgradeKybScope',
      'POST',
      '/api/external/customer/{customer}/upgrade-kyb-scope',
      'customer:write',
      true,
    ],
    ['deleteOwner', 'DELETE', '/api/external/customer/{customer}/owner/{owner}', 'customer:write', true],
    [
      'getOwnerFilePresignedUrl',
      'POST',
      '/api/external/customer/{customer}/owner/{owner}/file/presigned-url',
      'customer:write',
      true,
    ],
    [
      'uploadOwnerFiles',
      'POST',
      '/api/external/customer/{customer}/owner/{owner}/files',
      'customer:write',
      true,
    ],
    [
      'getDocumentPresignedUrl',
      'POST',
      '/api/external/customer/{customer}/document/presigned-url',
      'customer:write',
      true,
    ],
    ['registerDocument', 'POST', '/api/external/customer/{customer}/document', 'customer:write', true],
    ['listDocuments', 'GET', '/api/external/customer/{customer}/document', 'customer:read', true],
    ['getDocument', 'GET', '/api/external/customer/{customer}/document/{document}', 'customer:read', true],
    [
      'updateDocument',
      'PUT',
      '/api/external/customer/{customer}/document/{document}',
      'customer:write',
      true,
    ],
    [
      'deleteDocument',
      'DELETE',
      '/api/external/customer/{customer}/document/{document}',
      'customer:write',
      true,
    ],
    ['addKycData', 'POST', '/api/external/customer/{id}/kyc-data', 'customer:write', true],
    ['submitCustomer', 'POST', '/api/external/customer/{customer}/submit', 'customer:write', true],
    ['createWebhook', 'POST', '/api/external/webhook', 'webhook:write', true],
    ['getWebhook', 'GET', '/api/external/webhook', 'webhook:read', true],
    ['updateWebhook', 'PUT', '/api/external/webhook', 'webhook:write', true],
    ['updateWebhookById', 'PUT', '/api/external/webhook/{id}', 'webhook:write', true],
    ['listCurrencies', 'GET', '/api/external/currency', 'currency:read', true],
  ])('%s is %s %s with scope %s', (operationId, method, path, scope, legacyApiKey) => {
    expect(byId.get(operationId)).toMatchObject({ method, path, scope, legacyApiKey });
  });

  it('holds exactly the documented operations', () => {
    expect(operations).toHaveLength(26);
  });

  it('merges path-level parameters into each operation', () => {
    const names = byId.get('uploadCustomerFiles')?.parameters.map((p) => `${p.in}:${p.name}`);
    expect(names).toEqual(['path:id']);
    expect(byId.get('listCustomers')?.parameters.map((p) => p.name)).toContain('paginate');
  });
});
