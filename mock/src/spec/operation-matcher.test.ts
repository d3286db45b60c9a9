import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from './openapi-document.js';
import { createOperationMatcher, matchOperation } from './operation-matcher.js';
import { listOperations } from './operations.js';

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
