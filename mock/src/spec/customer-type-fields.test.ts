import { describe, expect, it } from 'vitest';
import { prohibitedFieldsByType } from './customer-type-fields.js';
import type { OpenApiDocument } from './openapi-document.js';

/** A spec whose create schema has one branch per type, as openapi.yaml writes them. */
function specWith(branches: readonly unknown[]): OpenApiDocument {
  return {
    openapi: '3.1.0',
    paths: {},
    components: {
      schemas: {
        Prohibited: { enum: [null, ''] },
        CreateCustomerRequest: { type: 'object', allOf: branches },
      },
    },
  } as OpenApiDocument;
}

describe('prohibitedFieldsByType', () => {
  it("reads openapi.yaml's branches: identity fields for businesses, KYB fields for individuals", () => {
    const table = prohibitedFieldsByType();
    expect(table.get('business')).toEqual(['id_type', 'id_number']);
    expect(table.get('individual')).toEqual(
      expect.arrayContaining([
        'business_name',
        'registration_number',
        'kyb_scope',
        'owners',
        'operating_country',
      ]),
    );
    expect(table.get('individual')).not.toContain('first_name');
    expect(prohibitedFieldsByType()).toBe(table);
  });

  it('counts a reference to an empty-only enum and a list of at most none, not a required field', () => {
    const table = prohibitedFieldsByType(
      specWith([
        {
          if: { properties: { type: { const: 'robot' } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword
          then: {
            properties: {
              serial: { type: 'string', minLength: 1 },
              wheels: { $ref: '#/components/schemas/Prohibited' },
              arms: { maxItems: 0 },
              colour: { enum: ['red', null] },
            },
          },
        },
        {
          if: { properties: { type: { enum: ['a', 'b'] } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword
          then: { properties: { x: { maxItems: 0 } } },
        },
      ]),
    );
    expect([...table]).toEqual([['robot', ['wheels', 'arms']]]);
  });

  it('fails clearly on a spec without the create schema', () => {
    expect(() => prohibitedFieldsByType({ openapi: '3.1.0', paths: {} } as OpenApiDocument)).toThrow(
      /CreateCustomerRequest/,
    );
  });
});
