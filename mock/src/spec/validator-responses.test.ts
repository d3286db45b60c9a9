import { describe, expect, it } from 'vitest';
import { createSpecValidator, type ValidationResult } from './validator.js';

const validator = createSpecValidator();
const customerId = '3f6d2a8e-1c4b-4e7a-9b0d-8a5f2e1c7b34';
const etag = '"9e107d9d372bb6826bd81d3542a419d6"';
const customer = {
  id: customerId,
  business_id: customerId,
  type: 'individual',
  first_name: 'Amaka',
  last_name: 'Okafor',
  business_name: null,
  email: 'amaka@example.com',
  country: 'NG',
  id_type: 'passport',
  id_number: 'A1234567',
  verification_status: 'PENDING',
  created_at: '2026-04-20T10:14:31.000000Z',
  updated_at: '2026-04-20T10:14:31.000000Z',
};
/** The issues as `pointer keyword` strings, for compact assertions. */
function issues(outcome: ValidationResult): string[] {
  return outcome.ok ? [] : outcome.errors.map((issue) => `${issue.pointer} ${issue.keyword}`);
}
describe('validateResponse', () => {
  it.each([
    [
      'getPresignedUrl',
      200,
      {
        message: 'Upload URL generated successfully',
        file_id: 'f1',
        url: 'https://127.0.0.1:4443/blaaiz-uploads/f1?X-Amz-Signature=0',
        headers: {},
      },
    ],
    ['getCustomer', 200, { message: 'Customer retrieved successfully', data: customer }],
    ['getCustomer', 404, { status: false, message: 'Customer not found' }],
    ['listCustomers', 200, { message: 'Customers retrieved successfully', data: [customer] }],
    [
      'createCustomer',
      422,
      { message: 'The email field is required.', errors: { email: ['The email field is required.'] } },
    ],
  ])('%s %i accepts a conforming body', (operationId, status, body) => {
    expect(validator.validateResponse(operationId, status, 'application/json', body)).toEqual({ ok: true });
  });

  it('rejects an undocumented status', () => {
    const outcome = validator.validateResponse('getCustomer', 500, 'application/json', {
      message: 'Server Error',
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? undefined : outcome.errors[0]).toMatchObject({
      keyword: 'status',
      got: 500,
      expected: ['200', '401', '403', '404', '429'],
    });
  });

  it('reports the closest alternative of the list response, with precise pointers', () => {
    const page = {
      data: [{ ...customer, email: 'not-an-email' }],
      links: { first: null, last: null, prev: null, next: null },
    };
    const meta = {
      current_page: 1,
      from: 1,
      last_page: 1,
      path: 'http://127.0.0.1:4010/api/external/customer',
      per_page: 15,
      to: 1,
      total: 1,
    };
    expect(
      issues(validator.validateResponse('listCustomers', 200, 'application/json', { ...page, meta })),
    ).toEqual(['/data/0/email format']);
  });

  it('combines nullable alternatives into one issue', () => {
    const body = {
      message: 'ok',
      data: { ...customer, kyc_data: 'none', created_at: '2026-04-20T10:14:31Z' },
    };
    const outcome = validator.validateResponse('getCustomer', 200, 'application/json', body);
    expect(issues(outcome)).toEqual(['/data/kyc_data anyOf', '/data/created_at pattern']);
    expect(outcome.ok ? undefined : outcome.errors[0]?.expected).toEqual(['type object', 'type null']);
  });

  it('rejects the nested presign shape, since this endpoint answers flat', () => {
    const nested = {
      message: 'Upload URL generated successfully',
      data: { file_id: 'f1', url: 'https://x.test/f1', headers: {} },
    };
    expect(issues(validator.validateResponse('getPresignedUrl', 200, 'application/json', nested))).toEqual([
      '/file_id required',
      '/url required',
      '/headers required',
    ]);
  });

  it('checks the empty body and the ETag of an object-store PUT', () => {
    expect(validator.validateResponse('putObject', 200, undefined, '', new Headers({ ETag: etag }))).toEqual({
      ok: true,
    });
    expect(issues(validator.validateResponse('putObject', 200, undefined, undefined, {}))).toEqual([
      'header:ETag required',
    ]);
    expect(
      issues(validator.validateResponse('putObject', 200, undefined, undefined, { etag: 'abc' })),
    ).toEqual(['header:ETag pattern']);
    expect(
      issues(validator.validateResponse('putObject', 200, 'application/json', '{}', { ETag: etag })),
    ).toEqual([' body']);
  });

  it('accepts the S3 XML error document and rejects JSON there', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
    expect(validator.validateResponse('putObject', 403, 'application/xml', xml)).toEqual({ ok: true });
    expect(
      issues(validator.validateResponse('putObject', 403, 'application/json', { message: 'no' })),
    ).toEqual([' contentType']);
  });

  it('coerces rate-limit headers from text and rejects non-numbers', () => {
    const body = { message: 'Too Many Attempts.' };
    const good = {
      'X-RateLimit-Limit': '120',
      'x-ratelimit-remaining': '0',
      'X-RateLimit-Reset': '1776680131',
    };
    expect(validator.validateResponse('getCustomer', 429, 'application/json', body, good)).toEqual({
      ok: true,
    });
    const bad = { ...good, 'X-RateLimit-Limit': 'lots' };
    expect(issues(validator.validateResponse('getCustomer', 429, 'application/json', body, bad))).toEqual([
      'header:X-RateLimit-Limit type',
    ]);
  });

  it('requires a Content-Type on a response that has a body', () => {
    expect(
      issues(validator.validateResponse('getCustomer', 404, undefined, { message: 'Customer not found' })),
    ).toEqual([' contentType']);
  });
});
