import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { settleToClock } from '../core/settle.js';
import { reseed } from '../deps.js';
import { makeTestMock, PDF_BYTES, SOLE_OWNER, T0 } from '../test-kit.js';
import { openFileStore } from './file-store.js';
import { encodeState } from './state-codec.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The encoded state with every list in a fixed order (a Map's insertion order is not part of the state). */
function normalised(state: Parameters<typeof encodeState>[0]): unknown {
  const encoded = encodeState(state) as unknown as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(encoded).map(([field, value]) => [
      field,
      Array.isArray(value) ? value.map((e) => JSON.stringify(e)).sort() : value,
    ]),
  );
}

describe('the journal records what the core changed (no field the core writes is missed)', () => {
  it('a reopened store equals the state after a whole onboarding, a review, edits and a reset', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blaaiz-replay-'));
    dirs.push(dir);
    const hooks = { realNow: () => T0, settle: settleToClock };
    const store = await openFileStore({ stateDir: dir, hooks });
    const mock = await makeTestMock({ store });
    await store.transact((state, now) => reseed(mock.deps, state, now));
    const token = await mock.token();
    const checkpoints: unknown[] = [];
    const checkpoint = async () => checkpoints.push(await mock.read((state) => normalised(state)));

    const person = await mock.createIndividual(token);
    const { fileId } = await mock.upload(token, person, 'identity', PDF_BYTES);
    await mock.call('POST', '/api/external/file/get-presigned-url', {
      token,
      body: { customer_id: person, file_category: 'proof_of_address' },
    }); // left pending
    await mock.call('POST', `/api/external/customer/${person}/files`, { token, body: { id_file: fileId } });
    const business = await mock.createBusiness(token, { owners: [SOLE_OWNER] });
    const owner = business.ownerIds[0] as string;
    const front = await mock.uploadKyb(
      token,
      `/api/external/customer/${business.id}/owner/${owner}/file/presigned-url`,
      { file_category: 'id_document_front' },
    );
    await mock.call('POST', `/api/external/customer/${business.id}/owner/${owner}/files`, {
      token,
      body: { id_document_front: front },
    });
    await mock.call('PUT', `/api/external/customer/${business.id}`, {
      token,
      body: { business_name: 'Renamed' },
    });
    await mock.advance(61);
    await mock.read(() => undefined); // settles: the individual's review completes
    await checkpoint();
    const text = JSON.stringify(checkpoints[0]);
    expect(text).toContain('Renamed');
    expect(text).toContain(fileId);
    expect((checkpoints[0] as { pending: unknown[] }).pending).toHaveLength(1);
    await store.close();

    const reopened = await openFileStore({ stateDir: dir, hooks });
    expect(await reopened.transact((state) => normalised(state))).toEqual(checkpoints[0]);
    const again = await makeTestMock({ store: reopened });
    await again.call('POST', '/__mock/reset');
    const afterReset = await reopened.transact((state) => normalised(state));
    await reopened.close();
    const third = await openFileStore({ stateDir: dir, hooks });
    expect(await third.transact((state) => normalised(state))).toEqual(afterReset);
    expect(afterReset).not.toEqual(checkpoints[0]);
    await third.close();
  });
});
