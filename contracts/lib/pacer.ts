/** Request pacing for the live API: under its documented 120 requests/minute, and waiting out a 429. */
import { setTimeout as delay } from 'node:timers/promises';

/** Time source and waiting, injectable so the pacing rules are testable without waiting. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Spaces requests out and backs off after a 429. */
export interface Pacer {
  /** Resolves when the next request may go out. */
  beforeRequest(): Promise<void>;
  /** After a 429: waits until `X-RateLimit-Reset` (epoch seconds) or `Retry-After` (seconds), else a minute. */
  afterTooManyRequests(reset: string | undefined, retryAfter: string | undefined): Promise<number>;
}

/** The live limit is 120/minute; the suite keeps to this many, leaving room for the integrator's own traffic. */
export const LIVE_REQUESTS_PER_MINUTE = 100;

/** Longest the suite waits after one 429 before retrying (the documented window is one minute). */
export const MAX_BACKOFF_MS = 65_000;

const realClock: PacerClock = { now: () => Date.now(), sleep: (ms) => delay(ms) };

/** A pacer letting through at most `perMinute` requests in any minute, evenly spaced. */
export function createPacer(perMinute: number, clock: PacerClock = realClock): Pacer {
  const interval = Math.ceil(60_000 / perMinute);
  let nextSlot = 0;
  return {
    async beforeRequest() {
      const now = clock.now();
      const wait = Math.max(0, nextSlot - now);
      nextSlot = Math.max(now, nextSlot) + interval;
      if (wait > 0) await clock.sleep(wait);
    },
    async afterTooManyRequests(reset, retryAfter) {
      const now = clock.now();
      const resetAt = Number(reset);
      const retrySeconds = Number(retryAfter);
      let wait = 60_000;
      if (reset !== undefined && Number.isFinite(resetAt)) wait = resetAt * 1000 - now + 250;
      else if (retryAfter !== undefined && Number.isFinite(retrySeconds)) wait = retrySeconds * 1000;
      wait = Math.min(MAX_BACKOFF_MS, Math.max(0, wait));
      nextSlot = Math.max(nextSlot, now + wait + interval);
      await clock.sleep(wait);
      return wait;
    },
  };
}

/** A pacer that never waits: local targets are not rate-limited. */
export const NO_PACING: Pacer = {
  beforeRequest: async () => undefined,
  afterTooManyRequests: async () => 0,
};
