import type { MockState } from '../store/state.js';
import { settleDueReviews } from './review.js';
import { sweepExpiredUploads } from './uploads.js';

/** Brings the state up to virtual time `now`: reviews due are completed, expired presigns reclaimed. */
export function settleToClock(state: MockState, now: number): void {
  settleDueReviews(state, now);
  sweepExpiredUploads(state, now);
}
