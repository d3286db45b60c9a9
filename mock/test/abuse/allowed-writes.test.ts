import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { KYC_FIELDS } from '../../src/core/customer-fields.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import type { JsonSchema } from '../../src/spec/openapi-document.js';
import { makeTestMock, SOLE_OWNER } from '../../src/test-kit.js';
import { extraFieldName, type Fields, jsonObject, objectShape, oddString } from './schema-mutations.js';

const spec = loadSpec();
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const kyc = new Set<string>(KYC_FIELDS);

/** Properties whose schema is a plain nullable string (no format, pattern or enum): any text is valid. */
function freeTextFields(schema: string): string[] {
  const { properties } = objectShape(spec, ref(schema));
  return Object.entries(properties)
    .filter(([, s]) => {
      const node = s as Record<string, unknown>;
      const type = node.type as unknown;
      const keys = Object.keys(node).filter(
        (k) => !['type', 'description', 'maxLength', 'examples'].includes(k),
      );
      return Array.isArray(type) && type.join() === 'string,null' && keys.length === 0;
    })
    .map(([name]) => name);
}

/** Names a client may never set, on the customer and on an owner. */
const SERVER_OWNED = [
  'id',
  'type',
  'business_id',
  'verification_status',
  'kyb_scope',
  'documents',
  'kyc_data',
  'enhanced_due_diligence',
  'created_at',
  'updated_at',
  'recent_comments',
];
const OWNER_OWNED = ['status', 'admin_comments', 'id_document_path', 'id_document_back_path', 'created_at'];

const forbiddenValue = fc.oneof(
  fc.constantFrom('VERIFIED', 'APPROVED', null, '', 'x', 0, true),
  fc.jsonValue({ maxDepth: 3 }),
);
const forbidden = (names: string[]) =>
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), extraFieldName), forbiddenValue), { maxLength: 5 });
const allowed = (names: string[]) =>
  fc.array(fc.tuple(fc.constantFrom(...names), fc.oneof(oddString, fc.constant(null))), {
    minLength: 1,
    maxLength: 4,
  });
/** Allowed and forbidden fields, interleaved; an allowed field sent twice counts by its last value. */
const mixed = (ok: string[], owned: string[]) =>
  fc
    .tuple(allowed(ok), forbidden(owned))
    .chain(([a, f]) => fc.shuffledSubarray([...a, ...f], { minLength: a.length + f.length }));

type View = Record<string, unknown>;

/** Every path (`field`, `kyc_data.city`, `owners.<id>.title`) whose stored value changed or appeared. */
function changedPaths(before: View, after: View, prefix = ''): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [a, b] = [before[key], after[key]];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const nested = ['kyc_data', 'owners'].includes(key) && typeof a === 'object' && typeof b === 'object';
    if (nested && key === 'owners' && Array.isArray(a) && Array.isArray(b)) {
      const byId = (list: View[]) => Object.fromEntries(list.map((o) => [String(o.id), o]));
      for (const [id, owner] of Object.entries(byId(b as View[]))) {
        const old = byId(a as View[])[id];
        if (!old) out.push(`${prefix}owners.${id}`);
        else out.push(...changedPaths(old, owner, `${prefix}owners.${id}.`));
      }
      if ((a as View[]).length > (b as View[]).length) out.push(`${prefix}owners`);
    } else if (nested) out.push(...changedPaths((a ?? {}) as View, (b ?? {}) as View, `${prefix}${key}.`));
    else out.push(`${prefix}${key}`);
  }
  return out;
}

describe('a 2xx never stores what the request was not allowed to set', () => {
  let mock: Awaited<ReturnType<typeof makeTestMock>>;
  let token: string;
  let individual: string;
  let business: string;
  let ownerId: string;
  const stored = async (id: string): Promise<View> => {
    const state = (await mock.call('GET', '/__mock/state')).json;
    const { slots: _s, review_due_at: _r, ...view } = state.customers.find((c: View) => c.id === id);
    return view;
  };

  beforeAll(async () => {
    mock = await makeTestMock();
    token = await mock.token();
    individual = await mock.createIndividual(token);
    const created = await mock.createBusiness(token, { owners: [SOLE_OWNER] });
    business = created.id;
    ownerId = created.ownerIds[0] as string;
  });

  async function check(id: string, method: string, path: string, fields: Fields, owners?: Fields) {
    const allowedSent = new Set(fields.map(([name]) => name));
    const body = owners === undefined ? jsonObject(fields) : jsonObject([...fields, ['owners', null]]);
    const text =
      owners === undefined
        ? body
        : body.replace('"owners":null', `"owners":[${jsonObject([['id', ownerId], ...owners])}]`);
    const before = await stored(id);
    const res = await mock.call(method, path, {
      token,
      rawBody: text,
      headers: { 'content-type': 'application/json' },
    });
    const after = await stored(id);
    if (res.status >= 400) {
      expect(res.status, res.text).toBeLessThan(500);
      expect(after).toEqual(before);
      return;
    }
    const permitted = (p: string) => {
      if (p === 'updated_at') return true;
      if (p.startsWith('kyc_data.')) return kyc.has(p.slice(9)) && allowedSent.has(p.slice(9));
      if (p.startsWith(`owners.${ownerId}.`)) {
        const field = p.slice(`owners.${ownerId}.`.length);
        return (owners ?? []).some(([name]) => name === field) && !OWNER_OWNED.includes(field);
      }
      return !kyc.has(p) && allowedSent.has(p) && !SERVER_OWNED.includes(p);
    };
    const illegal = changedPaths(before, after).filter((p) => !permitted(p));
    expect(illegal, `${res.status} ${text.slice(0, 300)}`).toEqual([]);
  }

  const customerFields = freeTextFields('UpdateCustomerRequest');
  const kycFields = freeTextFields('AddKycRequest');
  const ownerFields = freeTextFields('OwnerUpdateInput');

  it('finds writable fields in the spec to mix with forbidden ones', () => {
    expect(customerFields).toEqual(expect.arrayContaining(['phone', 'city', 'tin']));
    expect(kycFields).toEqual(expect.arrayContaining(['street', 'city']));
    expect(ownerFields).toEqual(expect.arrayContaining(['title', 'phone']));
  });

  it('updateCustomer (individual)', async () => {
    await fc.assert(
      fc.asyncProperty(mixed(customerFields, SERVER_OWNED), (fields) =>
        check(individual, 'PUT', `/api/external/customer/${individual}`, fields),
      ),
      { numRuns: 60 },
    );
  });

  it('addKycData', async () => {
    await fc.assert(
      fc.asyncProperty(mixed(kycFields, SERVER_OWNED), (fields) =>
        check(individual, 'POST', `/api/external/customer/${individual}/kyc-data`, fields),
      ),
      { numRuns: 60 },
    );
  });

  it('updateCustomer (business, editing an owner)', async () => {
    const business_ = ['phone', 'tin', 'trading_name', 'industry_type'];
    await fc.assert(
      fc.asyncProperty(mixed(business_, SERVER_OWNED), mixed(ownerFields, OWNER_OWNED), (fields, owner) =>
        check(business, 'PUT', `/api/external/customer/${business}`, fields, owner),
      ),
      { numRuns: 60 },
    );
  });
});
