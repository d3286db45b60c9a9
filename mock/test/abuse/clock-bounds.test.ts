import { describe, expect, it } from 'vitest';
import { LATEST_VIRTUAL_TIME } from '../../src/core/clock.js';
import { DEMO_IDS } from '../../src/demo-data.js';
import { makeTestMock } from '../../src/test-kit.js';

const TEN_YEARS = 315_360_000;

describe('the virtual clock is bounded', async () => {
  const mock = await makeTestMock();
  const advance = (seconds: number) => mock.call('POST', '/__mock/clock/advance', { body: { seconds } });

  it('refuses with 422 the advance that would pass the latest date, and stays usable', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 900; i++) {
      const res = await advance(TEN_YEARS);
      statuses.push(res.status);
      if (res.status !== 200) {
        expect(res.status).toBe(422);
        expect(res.json.errors.seconds[0]).toMatch(/cannot pass 9999-01-01/);
        break;
      }
    }
    expect(statuses.at(-1)).toBe(422);
    const offset = await mock.read((s) => s.clockOffsetMs / 1000);
    expect(mock.deps.clock.now()).toBeLessThanOrEqual(LATEST_VIRTUAL_TIME);
    expect((await advance(1e9)).status).toBe(422);
    expect(await mock.read((s) => s.clockOffsetMs / 1000)).toBe(offset);

    const state = await mock.call('GET', '/__mock/state');
    expect(state.status).toBe(200);
    const token = await mock.token();
    const presign = await mock.call('POST', '/api/external/file/get-presigned-url', {
      token,
      body: { customer_id: DEMO_IDS.individual, file_category: 'identity' },
    });
    expect(presign.status, presign.text).toBe(200);
    expect((await mock.call('GET', `/api/external/customer/${DEMO_IDS.individual}`, { token })).status).toBe(
      200,
    );
    expect((await mock.call('POST', '/__mock/reset')).status).toBe(200);
    expect((await advance(60)).status).toBe(200);
  });
});
