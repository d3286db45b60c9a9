import { describe, expect, it } from 'vitest';
import { createSpecValidator, formatValidationErrors, type ValidationResult } from './validator.js';

const validator = createSpecValidator();
const customerId = '3f6d2a8e-1c4b-4e7a-9b0d-8a5f2e1c7b34';
const individual = {
  type: 'individual',
  email: 'amaka@example.com',
  country: 'NG',
  first_name: 'Amaka',
  last_name: 'Okafor',
  id_type: 'passport',
  id_number: 'A1234567',
};
const business = {
  type: 'business',
  email: 'ops@kestrel.example.com',
  country: 'NG',
  business_name: 'Kestrel Ltd',
  registration_number: 'RC1',
  incorporation_country: 'NG',
}; /** The issues as `pointer keyword` strings, for compact assertions. */
function issues(outcome: ValidationResult): string[] {
  return outcome.ok ? [] : outcome.errors.map((issue) => `${issue.pointer} ${issue.keyword}`);
}
describe('validateRequestBody', () => {
  it.each([
    ['getPresignedUrl', 'application/json', { customer_id: customerId, file_category: 'identity' }],
    [
      'issueToken',
      'application/x-www-form-urlencoded; charset=UTF-8',
      { grant_type: 'client_credentials', client_id: 'a', client_secret: 'b' },
    ],
    [
      'issueToken',
      'application/json',
      { grant_type: 'client_credentials', client_id: 'a', client_secret: 'b', scope: '' },
    ],
    ['uploadCustomerFiles', 'application/json', { id_file_back: 'f1' }],
    ['replaceCustomerFiles', 'application/json', '{"id_file":"f1"}'],
    ['createCustomer', 'application/json', individual],
    ['createCustomer', 'application/json', { ...individual, business_name: null, owners: [] }],
    [
      'createCustomer',
      'application/json',
      { ...business, kyb_scope: 'MINIMAL', operating_city: 'Accra', operating_country: 'GH' },
    ],
    ['putObject', 'image/png', new Uint8Array([137, 80, 78, 71])],
    ['putObject', undefined, Buffer.from('%PDF-1.7')],
    ['putObject', undefined, undefined],
  ])('%s accepts a valid %s body', (operationId, contentType, body) => {
    expect(validator.validateRequestBody(operationId, contentType, body)).toEqual({ ok: true });
  });

  it.each([
    ['getPresignedUrl', 'a number id', { customer_id: 42, file_category: 'identity' }, ['/customer_id type']],
    [
      'getPresignedUrl',
      'a non-UUID id and unknown category',
      { customer_id: 'customer_123', file_category: 'selfie' },
      ['/customer_id format', '/file_category enum'],
    ],
    ['getPresignedUrl', 'no category', { customer_id: customerId }, ['/file_category required']],
    ['uploadCustomerFiles', 'no slot', {}, [' required']],
    ['uploadCustomerFiles', 'a number file id', { id_file: 7 }, ['/id_file type']],
    ['createCustomer', 'no type', { email: 'x@example.com', country: 'NG' }, ['/type required']],
    ['createCustomer', 'an ID card', { ...individual, id_type: 'id_card' }, ['/id_type enum']],
    ['createCustomer', 'an empty first name', { ...individual, first_name: '' }, ['/first_name minLength']],
    [
      'createCustomer',
      'business fields on an individual',
      { ...individual, registration_number: 'RC1', kyb_scope: 'FULL' },
      ['/registration_number prohibited', '/kyb_scope prohibited'],
    ],
    [
      'createCustomer',
      'identity fields on a business',
      { ...business, id_type: 'passport', id_number: 'X' },
      ['/id_type prohibited', '/id_number prohibited'],
    ],
    [
      'createCustomer',
      'a business without registration number',
      { ...business, registration_number: undefined },
      ['/registration_number required'],
    ],
    [
      'createCustomer',
      'an operating address without country',
      { ...business, operating_street: '1 Road' },
      ['/operating_country dependentRequired'],
    ],
    [
      'createCustomer',
      'six owners',
      { ...business, owners: new Array(6).fill({ first_name: 'A', last_name: 'B' }) },
      ['/owners maxItems'],
    ],
  ])('%s rejects %s', (operationId, _label, body, expected) => {
    expect(issues(validator.validateRequestBody(operationId, 'application/json', body))).toEqual(expected);
  });

  it('rejects an undocumented content type, a missing required body and invalid JSON text', () => {
    const body = { customer_id: customerId, file_category: 'identity' };
    expect(issues(validator.validateRequestBody('getPresignedUrl', 'text/plain', body))).toEqual([
      ' contentType',
    ]);
    expect(issues(validator.validateRequestBody('getPresignedUrl', 'application/json', undefined))).toEqual([
      ' required',
    ]);
    expect(
      issues(validator.validateRequestBody('getPresignedUrl', 'application/json', '{"customer_id":')),
    ).toEqual([' body']);
  });

  it('throws on an operationId the spec does not have', () => {
    expect(() => validator.validateRequestBody('deleteEverything', 'application/json', {})).toThrow(
      /deleteEverything/,
    );
  });
});
describe('validateQuery', () => {
  it('accepts documented filters, coercing page from text and ignoring empty values', () => {
    const query = new URLSearchParams(
      'paginate=true&page=2&type=business&verification_status=VERIFIED&email=',
    );
    expect(validator.validateQuery('listCustomers', query)).toEqual({ ok: true });
    expect(validator.validateQuery('listCustomers', { paginate: ['false', '1'] })).toEqual({ ok: true });
  });

  it('names each bad parameter', () => {
    const outcome = validator.validateQuery('listCustomers', { paginate: 'yes', page: '0', type: 'robot' });
    expect(issues(outcome).sort()).toEqual(['/page minimum', '/paginate enum', '/type enum']);
  });

  it('lets an operation without query parameters pass anything', () => {
    expect(validator.validateQuery('getCustomer', { anything: 'x' })).toEqual({ ok: true });
  });
});
describe('formatValidationErrors', () => {
  it('prints operation, status, pointer, expected and got', () => {
    const outcome = validator.validateRequestBody('getPresignedUrl', 'application/json', { customer_id: 42 });
    const text = formatValidationErrors('getPresignedUrl', 'request', outcome.ok ? [] : outcome.errors);
    expect(text).toBe(
      [
        'getPresignedUrl request: 2 differences from openapi.yaml',
        '  /file_category: is required',
        '      expected: "a value"',
        '  /customer_id: must be string',
        '      expected: "string"',
        '      got:      42',
      ].join('\n'),
    );
  });
});
