import type { CustomerRecord, MockState } from '../store/state.js';
import { formatTimestamp } from './clock.js';
import { fail, ok, type Result } from './result.js';

export type ReviewOutcome = 'VERIFIED' | 'REJECTED';

/** The outcome the mock picks by itself: an e-mail with `+reject` in it rehearses a rejection. */
export function defaultOutcome(record: CustomerRecord): ReviewOutcome {
  return /\+reject/i.test(record.view.email) ? 'REJECTED' : 'VERIFIED';
}

/** Ends a review with `outcome` at virtual time `now`. */
export function completeReview(
  state: MockState,
  record: CustomerRecord,
  outcome: ReviewOutcome,
  now: number,
): void {
  record.view.verification_status = outcome;
  record.view.updated_at = formatTimestamp(now);
  delete record.reviewDueAt;
  state.reviewing.delete(record.view.id);
}

/** Completes every review whose delay has passed on the virtual clock; returns how many. */
export function settleDueReviews(state: MockState, now: number): number {
  let settled = 0;
  for (const id of state.reviewing) {
    const record = state.customers.get(id);
    if (!record) {
      state.reviewing.delete(id);
      continue;
    }
    if (record.reviewDueAt !== undefined && record.reviewDueAt <= now) {
      completeReview(state, record, defaultOutcome(record), now);
      settled++;
    }
  }
  return settled;
}

/** Forces a review outcome now (mock control `POST /__mock/customers/{id}/review`). */
export function forceReview(
  state: MockState,
  customerId: string,
  outcome: ReviewOutcome,
  now: number,
): Result<CustomerRecord> {
  const record = state.customers.get(customerId);
  if (!record) return fail({ kind: 'not_found', message: 'Customer not found' });
  if (record.view.verification_status === 'VERIFIED') {
    return fail({ kind: 'bad_request', message: 'Customer is already verified; VERIFIED is final.' });
  }
  completeReview(state, record, outcome, now);
  return ok(record);
}
