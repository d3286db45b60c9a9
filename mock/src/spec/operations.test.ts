import { describe, expect, it } from 'vitest';
import { loadSpec } from './load-spec.js';
import type { OpenApiDocument } from './openapi-document.js';
import { createOperationMatcher, listOperations, matchOperation } from './operations.js';

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
    ['listCurrencies', 'GET', '/api/external/currency', 'currency:read', true],
  ])('%s is %s %s with scope %s', (operationId, method, path, scope, legacyApiKey) => {
    expect(byId.get(operationId)).toMatchObject({ method, path, scope, legacyApiKey });
  });

  it('holds exactly the documented operations', () => {
    expect(operations).toHaveLength(22);
  });

  it('merges path-level parameters into each operation', () => {
    const names = byId.get('uploadCustomerFiles')?.parameters.map((p) => `${p.in}:${p.name}`);
    expect(names).toEqual(['path:id']);
    expect(byId.get('listCustomers')?.parameters.map((p) => p.name)).toContain('paginate');
  });
});

describe('matchOperation', () => {
  it.each([
    ['POST', '/oauth/token', 'issueToken', {}],
    ['post', '/api/external/file/get-presigned-url', 'getPresignedUrl', {}],
    ['GET', '/api/external/customer', 'listCustomers', {}],
    ['GET', '/api/external/customer/?paginate=true', 'listCustomers', {}],
    ['POST', '/api/external/customer', 'createCustomer', {}],
    ['GET', '/api/external/customer/3f6d2a8e-1c4b', 'getCustomer', { id: '3f6d2a8e-1c4b' }],
    ['POST', '/api/external/customer/abc/files', 'uploadCustomerFiles', { id: 'abc' }],
    ['PUT', '/api/external/customer/abc/files/', 'replaceCustomerFiles', { id: 'abc' }],
    ['PUT', '/blaaiz-uploads/a%20b.pdf', 'putObject', { objectKey: 'a b.pdf' }],
  ])('%s %s → %s', (method, pathname, operationId, params) => {
    expect(matchOperation(method, pathname)).toEqual({ operationId, params });
  });

  it.each([
    ['DELETE', '/api/external/customer/abc'],
    ['GET', '/api/external/customer/abc/files'],
    ['PUT', '/blaaiz-uploads/a/b'],
    ['GET', '/api/external/customers'],
    ['POST', '/oauth/token/extra'],
  ])('%s %s matches nothing', (method, pathname) => {
    expect(matchOperation(method, pathname)).toBeUndefined();
  });

  it('prefers a literal segment over a parameter, whatever the document order', () => {
    const spec = {
      openapi: '3.1.0',
      paths: {
        '/items/{id}': { get: { operationId: 'getItem' } },
        '/items/search': { get: { operationId: 'searchItems' } },
      },
    } satisfies OpenApiDocument;
    const match = createOperationMatcher(listOperations(spec));
    expect(match('GET', '/items/search')).toEqual({ operationId: 'searchItems', params: {} });
    expect(match('GET', '/items/42')).toEqual({ operationId: 'getItem', params: { id: '42' } });
  });

  it('keeps a malformed percent-escape as it came', () => {
    expect(matchOperation('GET', '/api/external/customer/%E0%A4%A')?.params).toEqual({ id: '%E0%A4%A' });
  });
});
