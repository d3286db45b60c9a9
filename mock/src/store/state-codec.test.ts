import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { makeTestMock, PDF_BYTES, SOLE_OWNER } from '../test-kit.js';
import { decodeState, encodeState, STATE_FORMAT_VERSION } from './state-codec.js';

/** A state with every kind of record: customers of both types, owners, documents, uploads, events. */
async function busyMock() {
  const mock = await makeTestMock();
  const token = await mock.token();
  const person = await mock.createIndividual(token);
  const identity = await mock.upload(token, person, 'identity');
  await mock.call('POST', '/api/external/file/get-presigned-url', {
    token,
    body: { customer_id: person, file_category: 'proof_of_address' },
  });
  await mock.call('POST', `/api/external/customer/${person}/files`, {
    token,
    body: { id_file: identity.fileId },
  });
  const business = await mock.createBusiness(token, { owners: [SOLE_OWNER] });
  const base = `/api/external/customer/${business.id}`;
  const front = await mock.uploadKyb(token, `${base}/owner/${business.ownerIds[0]}/file/presigned-url`, {
    file_category: 'id_document_front',
  });
  await mock.call('POST', `${base}/owner/${business.ownerIds[0]}/files`, {
    token,
    body: { id_document_front: front },
  });
  const file = await mock.uploadKyb(token, `${base}/document/presigned-url`, undefined, PDF_BYTES);
  await mock.call('POST', `${base}/document`, {
    token,
    body: { type: 'CERTIFICATE_OF_INCORPORATION', name: 'cert.pdf', file_id: file },
  });
  await mock.call('POST', `${base}/submit`, { token });
  await mock.advance(30);
  return { mock, person, business };
}

describe('state codec', () => {
  it('round-trips every record through JSON, and rebuilds the derived indexes', async () => {
    const { mock, person, business } = await busyMock();
    const { encoded, state } = await mock.read((s) => ({ encoded: encodeState(s), state: s }));
    expect(encoded.version).toBe(STATE_FORMAT_VERSION);
    expect(encoded.outbox.length).toBeGreaterThanOrEqual(1);
    expect(encoded.pending).toHaveLength(1);
    const decoded = decodeState(JSON.parse(JSON.stringify(encoded)));
    expect(encodeState(decoded)).toEqual(encoded);
    expect(decoded.customers.get(business.id)?.ownerSlots).toEqual(
      state.customers.get(business.id)?.ownerSlots,
    );
    expect(decoded.customers.get(business.id)?.documentFiles).toEqual(
      state.customers.get(business.id)?.documentFiles,
    );
    expect(decoded.registrations).toEqual(state.registrations);
    expect(decoded.reviewing).toEqual(new Set([person, business.id]));
    expect(decoded.sweepAfter).toBe(state.sweepAfter);
    expect(decoded.customers.get(DEMO_IDS.individual)?.view).toEqual(
      state.customers.get(DEMO_IDS.individual)?.view,
    );
  });

  it('shares nothing with what it decoded, and keeps no upload in flight', async () => {
    const { mock } = await busyMock();
    const encoded = await mock.read((s) => {
      for (const pending of s.pending.values()) pending.inFlight = true;
      return encodeState(s);
    });
    expect(encoded.pending.every((p) => p.inFlight === false)).toBe(true);
    const decoded = decodeState(encoded);
    const first = encoded.customers[0];
    if (!first) throw new Error('no customer encoded');
    first.view.email = 'changed@example.com';
    expect(decoded.customers.get(first.view.id)?.view.email).not.toBe('changed@example.com');
  });

  it.each([
    ['an older version', { version: 0 }],
    ['a newer version', { version: STATE_FORMAT_VERSION + 1 }],
    ['no version', {}],
    ['not an object', 'state'],
  ])('refuses %s with a message naming the versions', (_name, encoded) => {
    expect(() => decodeState(encoded)).toThrow(
      new RegExp(`state format version .* is not supported \\(this version reads ${STATE_FORMAT_VERSION}\\)`),
    );
  });
});
