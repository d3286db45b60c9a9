import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/load-spec.js';
import { definedInput } from './defined-input.js';
import { valueBoundErrors } from './value-bounds.js';

const spec = loadSpec();
const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('definedInput', () => {
  it('keeps the fields a schema lists, at every level, and nothing else', () => {
    const body = JSON.parse(
      '{"phone":"1","verification_status":"VERIFIED","__proto__":{"a":1},"owners":[{"id":"o","title":"T","x":2}]}',
    );
    expect(definedInput(spec, schema('UpdateCustomerRequest'), body)).toEqual({
      phone: '1',
      owners: [{ id: 'o', title: 'T' }],
    });
  });

  it('follows allOf, if/then and array items (upgradeKybScope owners)', () => {
    const body = { owners: [{ first_name: 'A', last_name: 'B', ownership_percentage: 100, id: 'x' }], y: 1 };
    expect(definedInput(spec, schema('UpgradeKybScopeRequest'), body)).toEqual({
      owners: [{ first_name: 'A', last_name: 'B', ownership_percentage: 100 }],
    });
  });

  it('leaves values under additionalProperties and scalars alone', () => {
    expect(definedInput(spec, { type: 'object', additionalProperties: true }, { a: { b: 1 } })).toEqual({
      a: { b: 1 },
    });
    expect(definedInput(spec, schema('PresignRequest'), 'text')).toBe('text');
  });
});

describe('valueBoundErrors', () => {
  it('names the first field nested too deeply, without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(Object.keys(valueBoundErrors({ a: deep }))).toEqual([`a${'.0'.repeat(15)}`]);
  });

  it('refuses strings over the limit and accepts the rest', () => {
    expect(valueBoundErrors({ a: ['x'.repeat(4097)] })).toEqual({
      'a.0': ['The a.0 field must not be greater than 4096 characters.'],
    });
    expect(valueBoundErrors({ a: 'x'.repeat(4096), b: [{ c: null }] })).toEqual({});
  });
});
