/** Live pacing (under 120/min, waiting out a 429 until X-RateLimit-Reset) and the drift report's lines. */
import { describe, expect, it } from 'vitest';
import { buildDriftReport, formatDriftReport } from '../lib/drift-report.js';
import { createPacer, type PacerClock } from '../lib/pacer.js';

function fakeClock(start: number): PacerClock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('pacer', () => {
  it('spaces requests so that no minute holds more than the limit', async () => {
    const clock = fakeClock(1_000_000);
    const pacer = createPacer(100, clock);
    for (let i = 0; i < 101; i += 1) await pacer.beforeRequest();
    expect(clock.now() - 1_000_000).toBeGreaterThanOrEqual(60_000);
    expect(clock.slept.every((ms) => ms <= 600)).toBe(true);
  });

  it('waits after a 429 until X-RateLimit-Reset (epoch seconds)', async () => {
    const clock = fakeClock(1_776_680_100_000);
    const waited = await createPacer(100, clock).afterTooManyRequests('1776680131', undefined);
    expect(waited).toBeGreaterThanOrEqual(31_000);
    expect(waited).toBeLessThan(32_000);
  });

  it('falls back to Retry-After, and never waits longer than the cap', async () => {
    expect(await createPacer(100, fakeClock(0)).afterTooManyRequests(undefined, '7')).toBe(7_000);
    expect(await createPacer(100, fakeClock(0)).afterTooManyRequests('99999999999', undefined)).toBe(65_000);
  });
});

describe('drift report', () => {
  const report = buildDriftReport(
    'mock',
    'run1',
    [
      { operationId: 'getCustomer', status: 200, issues: 0, prism: 0 },
      { operationId: 'getCustomer', status: 200, issues: 2, prism: 1, sample: '/data/id: is required' },
      { operationId: 'issueToken', status: 401, issues: 0, prism: null, prismRejectedRequest: true },
    ],
    ['getCustomer 200', 'getCustomer 404', 'issueToken 401'],
  );

  it('has one entry per operation × status with counts and a verdict', () => {
    expect(report.entries).toMatchObject([
      { operationId: 'getCustomer', status: 200, requests: 2, violations: 2, prismViolations: 1 },
      {
        operationId: 'issueToken',
        status: 401,
        requests: 1,
        verdict: 'ok',
        prismConfirmedInvalidRequests: 1,
      },
    ]);
    expect(report.unseen).toEqual(['getCustomer 404']);
  });

  it('prints one line per entry, with the first issue, and the statuses never seen', () => {
    const lines = formatDriftReport(report);
    expect(lines[1]).toMatch(
      /getCustomer 200 +×2 +3 violations \(spec 2, prism 1\) +first: \/data\/id: is required/,
    );
    expect(lines[2]).toMatch(/issueToken 401 +×1 +ok/);
    expect(lines.at(-1)).toContain('documented but not seen: getCustomer 404');
  });
});
