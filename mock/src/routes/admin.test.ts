import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { makeTestMock } from '../test-kit.js';

describe('mock controls under /__mock', async () => {
  const mock = await makeTestMock();
  afterEach(() => mock.resetClock());
  const token = await mock.token();

  it('resets to the seed: created customers and uploads are gone, demo data is back', async () => {
    const id = await mock.createIndividual(token);
    await mock.upload(token, id, 'identity');
    await mock.advance(30);
    const res = await mock.call('POST', '/__mock/reset');
    expect(res.status).toBe(200);
    const state = (await mock.call('GET', '/__mock/state')).json;
    expect(state.customers.map((c: { id: string }) => c.id)).toEqual([
      DEMO_IDS.individual,
      DEMO_IDS.business,
    ]);
    expect(state.uploads).toEqual({ pending: 0, files: [] });
    expect(state.clock_offset_seconds).toBe(0);
  });

  it('advances the clock, and refuses a negative or non-numeric amount with 422', async () => {
    const res = await mock.call('POST', '/__mock/clock/advance', { body: { seconds: 90 } });
    expect(res.status).toBe(200);
    expect(await mock.read((s) => s.clockOffsetMs / 1000)).toBe(90);
    for (const seconds of [-1, 'ten', null]) {
      const bad = await mock.call('POST', '/__mock/clock/advance', { body: { seconds } });
      expect(bad.status).toBe(422);
    }
    expect(await mock.read((s) => s.clockOffsetMs / 1000)).toBe(90);
  });

  it('reclaims presigned uploads left unused once they expire', async () => {
    for (let i = 0; i < 5; i++) {
      await mock.call('POST', '/api/external/file/get-presigned-url', {
        token,
        body: { customer_id: DEMO_IDS.individual, file_category: 'identity' },
      });
    }
    expect(await mock.read((s) => s.pending.size)).toBe(5);
    await mock.call('POST', '/__mock/clock/advance', { body: { seconds: 301 } });
    expect(await mock.read((s) => s.pending.size)).toBe(0);
  });

  it('forces a review outcome, and keeps VERIFIED final', async () => {
    const id = await mock.createIndividual(token);
    const bad = await mock.call('POST', `/__mock/customers/${id}/review`, { body: { outcome: 'MAYBE' } });
    expect(bad.status).toBe(422);
    const res = await mock.call('POST', `/__mock/customers/${id}/review`, { body: { outcome: 'VERIFIED' } });
    expect(res.status).toBe(200);
    expect(res.json.data.verification_status).toBe('VERIFIED');
    const again = await mock.call('POST', `/__mock/customers/${id}/review`, {
      body: { outcome: 'REJECTED' },
    });
    expect(again.status).toBe(400);
    const missing = await mock.call('POST', '/__mock/customers/nope/review', {
      body: { outcome: 'REJECTED' },
    });
    expect(missing.status).toBe(404);
  });

  it('answers unknown routes with a 404 in the API shape', async () => {
    const res = await mock.call('GET', '/api/external/nothing-here');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ status: false });
    expect(typeof res.json.message).toBe('string');
  });
});
