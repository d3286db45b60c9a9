/** The live API's limits per client (api-contract §6). */
export const RATE_LIMITS = { perMinute: 120, perHour: 1500 } as const;

interface Window {
  startedAt: number;
  count: number;
}

/** Fixed minute and hour windows per client, on the virtual clock. */
export interface RateLimiter {
  /** Counts one request of `key` at `now`; tells whether it is allowed and what the headers say. */
  hit(key: string, now: number): RateDecision;
  /** How many windows are held (minute and hour), for tests that check passed windows are freed. */
  size(): number;
  reset(): void;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** UTC epoch seconds at which the minute window (or the exhausted hour window) resets. */
  resetAt: number;
  retryAfterSeconds: number;
}

function advance(windows: Map<string, Window>, key: string, now: number, lengthMs: number): Window {
  const current = windows.get(key);
  if (current && now - current.startedAt < lengthMs) return current;
  const fresh = { startedAt: now, count: 0 };
  windows.set(key, fresh);
  return fresh;
}

/** Drops the windows that have passed, so clients seen once do not hold memory until a reset. */
function prune(windows: Map<string, Window>, now: number, lengthMs: number): void {
  for (const [key, window] of windows) if (now - window.startedAt >= lengthMs) windows.delete(key);
}

/** Creates a limiter with the live API's 120/minute and 1,500/hour. */
export function createRateLimiter(limits = RATE_LIMITS): RateLimiter {
  const minutes = new Map<string, Window>();
  const hours = new Map<string, Window>();
  let prunedAt = Number.NEGATIVE_INFINITY;
  return {
    hit(key, now) {
      if (now - prunedAt >= 60_000) {
        // At most once a virtual minute: a sweep is linear in the clients seen within the last hour.
        prunedAt = now;
        prune(minutes, now, 60_000);
        prune(hours, now, 3_600_000);
      }
      const minute = advance(minutes, key, now, 60_000);
      const hour = advance(hours, key, now, 3_600_000);
      const hourFull = hour.count >= limits.perHour;
      const allowed = minute.count < limits.perMinute && !hourFull;
      if (allowed) {
        minute.count++;
        hour.count++;
      }
      const resetMs = hourFull ? hour.startedAt + 3_600_000 : minute.startedAt + 60_000;
      return {
        allowed,
        limit: limits.perMinute,
        remaining: Math.max(0, Math.min(limits.perMinute - minute.count, limits.perHour - hour.count)),
        resetAt: Math.ceil(resetMs / 1000),
        retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetMs - now) / 1000)),
      };
    },
    size: () => minutes.size + hours.size,
    reset() {
      minutes.clear();
      hours.clear();
    },
  };
}
