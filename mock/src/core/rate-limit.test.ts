import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

const t0 = Date.UTC(2026, 10, 27, 10, 0, 0);

describe('rate limiter', () => {
  it('allows 120 a minute per client, then refuses until the window resets', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 120; i++) expect(limiter.hit('a', t0 + i).allowed).toBe(true);
    const refused = limiter.hit('a', t0 + 500);
    expect(refused).toMatchObject({
      allowed: false,
      remaining: 0,
      resetAt: t0 / 1000 + 60,
      retryAfterSeconds: 60,
    });
    expect(limiter.hit('b', t0 + 500).allowed).toBe(true);
    expect(limiter.hit('a', t0 + 60_000)).toMatchObject({ allowed: true, remaining: 119 });
  });

  it('caps a client at 1,500 an hour even when each minute is under 120', () => {
    const limiter = createRateLimiter();
    let allowed = 0;
    for (let minute = 0; minute < 20; minute++) {
      for (let i = 0; i < 100; i++) if (limiter.hit('a', t0 + minute * 60_000 + i).allowed) allowed++;
    }
    expect(allowed).toBe(1500);
    expect(limiter.hit('a', t0 + 20 * 60_000).resetAt).toBe(t0 / 1000 + 3600);
  });

  it('frees the windows of clients once their windows have passed', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 500; i++) limiter.hit(`client-${i}`, t0 + i);
    expect(limiter.size()).toBe(1000);
    limiter.hit('late', t0 + 61_000);
    expect(limiter.size()).toBe(502);
    limiter.hit('later', t0 + 3_601_000);
    expect(limiter.size()).toBe(3);
  });
});
