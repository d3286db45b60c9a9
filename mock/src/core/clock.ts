/** A virtual clock: real time (from an injected source) plus an offset that tests and `/__mock/clock/advance` move. */
export interface Clock {
  /** Milliseconds since the epoch on the virtual timeline. */
  now(): number;
  /** Moves the virtual timeline forward; negative or non-finite values are refused by the caller. */
  advance(seconds: number): void;
  /** Puts the timeline back to the source's time. */
  reset(): void;
  /** Seconds the timeline has been moved ahead of the source. */
  offsetSeconds(): number;
}

/**
 * The latest moment the virtual clock may reach: far enough for any test, early enough that every
 * timestamp, expiry and signed URL (now + minutes) stays a valid four-digit-year date.
 */
export const LATEST_VIRTUAL_TIME = Date.UTC(9999, 0, 1);

/** Whole seconds `clock` may still be advanced before it would pass {@link LATEST_VIRTUAL_TIME}. */
export function secondsLeft(clock: Clock): number {
  return Math.max(0, Math.floor((LATEST_VIRTUAL_TIME - clock.now()) / 1000));
}

/** Builds a clock over `source`; pass a fixed function for a frozen clock in tests. */
export function createClock(source: () => number): Clock {
  let offsetMs = 0;
  return {
    now: () => source() + offsetMs,
    advance(seconds) {
      offsetMs += Math.round(seconds * 1000);
    },
    reset() {
      offsetMs = 0;
    },
    offsetSeconds: () => offsetMs / 1000,
  };
}

/** Formats a time the way the live API (Laravel) does: `2026-04-20T10:14:31.000000Z`. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Formats a calendar date (`YYYY-MM-DD`) in UTC. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
