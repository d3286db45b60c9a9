import type { CustomerRecord, MockState } from '../store/state.js';
import { formatTimestamp } from './clock.js';
import type { CoreContext } from './context.js';
import { fail, ok, type Result } from './result.js';
import { type ChildStatus, moveChildStatus, moveStatus } from './verification.js';

export type ReviewOutcome = 'VERIFIED' | 'REJECTED';
export type ChildOutcome = Extract<ChildStatus, 'APPROVED' | 'REJECTED'>;

/** A review verdict: the customer's outcome, a comment, and per-owner / per-document outcomes. */
export interface ReviewVerdict {
  outcome: ReviewOutcome;
  comment?: string;
  owners?: Record<string, ChildOutcome>;
  documents?: Record<string, ChildOutcome>;
}

/** Moves a customer into review; the mock completes it after the configured delay on the virtual clock. */
export function startReview(state: MockState, record: CustomerRecord, ctx: CoreContext): void {
  moveStatus(state, record, 'PROCESSING', { at: ctx.now });
  record.reviewDueAt = ctx.now + ctx.reviewDelaySeconds * 1000;
  state.reviewing.add(record.view.id);
}

/** The verdict the mock reaches by itself: an e-mail with `+reject` in it rehearses a rejection. */
export function defaultVerdict(record: CustomerRecord): ReviewVerdict {
  if (!/\+reject/i.test(record.view.email)) return { outcome: 'VERIFIED' };
  return {
    outcome: 'REJECTED',
    comment: 'Rejected by the mock review: the e-mail address contains +reject.',
  };
}

function settleChildren(
  children: Array<{ id: string; status: string; admin_comments?: string[] | null }>,
  verdict: ReviewVerdict,
  forced: Record<string, ChildOutcome> | undefined,
): void {
  // A rejection that names the children at fault approves the others; one that names none rejects all
  // under review. Verification approves every child, so the record is consistent (as the docs say).
  const named = verdict.owners !== undefined || verdict.documents !== undefined;
  const underReview: ChildOutcome = named ? 'APPROVED' : 'REJECTED';
  for (const child of children) {
    const outcome =
      forced?.[child.id] ??
      (verdict.outcome === 'VERIFIED' ? 'APPROVED' : child.status === 'PROCESSING' ? underReview : undefined);
    if (outcome) moveChildStatus(child, outcome, verdict.comment);
  }
}

/** Ends a review with `verdict` at virtual time `now`; owners and documents under review get outcomes too. */
export function completeReview(
  state: MockState,
  record: CustomerRecord,
  verdict: ReviewVerdict,
  now: number,
): void {
  const view = record.view;
  moveStatus(state, record, verdict.outcome, { at: now, comment: verdict.comment ?? null });
  settleChildren(view.owners ?? [], verdict, verdict.owners);
  settleChildren(view.documents ?? [], verdict, verdict.documents);
  if (verdict.comment) {
    const stamp = formatTimestamp(now);
    view.recent_comments = [
      { comment: verdict.comment, created_at: stamp },
      ...(view.recent_comments ?? []),
    ].slice(0, 5);
  }
  view.updated_at = formatTimestamp(now);
  delete record.reviewDueAt;
  state.reviewing.delete(view.id);
}

/** Completes every review whose delay has passed on the virtual clock; returns how many. */
export function settleDueReviews(state: MockState, now: number): number {
  let settled = 0;
  for (const id of state.reviewing) {
    const record = state.customers.get(id);
    if (!record) {
      state.reviewing.delete(id);
    } else if (record.reviewDueAt !== undefined && record.reviewDueAt <= now) {
      completeReview(state, record, defaultVerdict(record), now);
      settled++;
    }
  }
  return settled;
}

function unknownChild(ids: Record<string, unknown> | undefined, known: Array<{ id: string }> | undefined) {
  return Object.keys(ids ?? {}).find((id) => !(known ?? []).some((child) => child.id === id));
}

/** Forces a review verdict now (mock control `POST /__mock/customers/{id}/review`); VERIFIED is final. */
export function forceReview(
  state: MockState,
  customerId: string,
  verdict: ReviewVerdict,
  now: number,
): Result<CustomerRecord> {
  const record = state.customers.get(customerId);
  if (!record) return fail({ kind: 'not_found', message: 'Customer not found' });
  if (record.view.verification_status === 'VERIFIED') {
    return fail({ kind: 'bad_request', message: 'Customer is already verified; VERIFIED is final.' });
  }
  const strayOwner = unknownChild(verdict.owners, record.view.owners);
  const strayDocument = unknownChild(verdict.documents, record.view.documents);
  if (strayOwner || strayDocument) {
    const message = strayOwner
      ? `Owner ${strayOwner} is not an owner of this customer.`
      : `Document ${strayDocument} is not a document of this customer.`;
    return fail({
      kind: 'validation',
      message,
      errors: { [strayOwner ? 'owners' : 'documents']: [message] },
    });
  }
  completeReview(state, record, verdict, now);
  return ok(record);
}
