import type { MockState } from '../store/state.js';

/** The virtual clock: real time (from an injected source) plus the offset the state carries. */
export interface Clock {
  /** Milliseconds since the epoch on the virtual timeline. */
  now(): number;
  /** Real time, in milliseconds (the source the virtual timeline is offset from). */
  source(): number;
}

/** Builds a clock over `source` and the current offset; pass a fixed source for a frozen clock in tests. */
export function createClock(source: () => number, offsetMs: () => number): Clock {
  return { now: () => source() + offsetMs(), source };
}

/**
 * The latest moment the virtual clock may reach: far enough for any test, early enough that every
 * timestamp, expiry and signed URL (now + minutes) stays a valid four-digit-year date.
 */
export const LATEST_VIRTUAL_TIME = Date.UTC(9999, 0, 1);

/** Whole seconds the clock may still be advanced from virtual time `now` before it would pass {@link LATEST_VIRTUAL_TIME}. */
export function secondsLeft(now: number): number {
  return Math.max(0, Math.floor((LATEST_VIRTUAL_TIME - now) / 1000));
}

/** Moves the virtual timeline forward (`POST /__mock/clock/advance`); the caller checks `seconds`. */
export function advanceClock(state: MockState, seconds: number): void {
  state.clockOffsetMs += Math.round(seconds * 1000);
}

/** Formats a time the way the live API (Laravel) does: `2026-04-20T10:14:31.000000Z`. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Formats a calendar date (`YYYY-MM-DD`) in UTC. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
