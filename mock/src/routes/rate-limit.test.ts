import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { makeTestMock } from '../test-kit.js';

const path = `/api/external/customer/${DEMO_IDS.individual}`;

describe('rate limits (opt-in)', () => {
  it('answers 429 with X-RateLimit-* and Retry-After after 120 requests a minute, per client', async () => {
    const mock = await makeTestMock({ config: { rateLimit: true } });
    const token = await mock.token('mock-client', 'customer:read');
    const first = await mock.call('GET', path, { token });
    expect(first.headers.get('x-ratelimit-limit')).toBe('120');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('119');
    for (let i = 1; i < 120; i++) await mock.call('GET', path, { token });
    const refused = await mock.call('GET', path, { token });
    expect(refused.status).toBe(429);
    expect(refused.json.message).toBe('Too Many Attempts.');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeGreaterThan(mock.deps.clock.now() / 1000);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = await mock.token('mock-readonly', 'customer:read');
    expect((await mock.call('GET', path, { token: other })).status).toBe(200);
    await mock.advance(60);
    expect((await mock.call('GET', path, { token })).status).toBe(200);
  });

  it('is off by default: no headers, no 429', async () => {
    const mock = await makeTestMock();
    const token = await mock.token('mock-client', 'customer:read');
    for (let i = 0; i < 130; i++) await mock.call('GET', path, { token });
    const res = await mock.call('GET', path, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
  });
});
