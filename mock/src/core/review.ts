import type { CustomerRecord, MockState } from '../store/state.js';
import { formatTimestamp } from './clock.js';
import type { CoreContext } from './context.js';
import { fail, ok, type Result } from './result.js';
import {
  type ChildOutcome,
  defaultVerdict,
  HELD_REVIEW_DUE_AT,
  isHeldByEmail,
  type ReviewVerdict,
} from './review-verdicts.js';
import { moveChildStatus, moveStatus } from './verification.js';

export type { ChildOutcome, ReviewOutcome, ReviewVerdict } from './review-verdicts.js';

/**
 * Starts a customer's review (api-contract §4): a business moves to PROCESSING, an individual keeps its
 * status (PENDING or REJECTED) while locked; the mock completes it after the review delay on the
 * virtual clock, or never by itself for a `+hold` e-mail.
 */
export function startReview(state: MockState, record: CustomerRecord, ctx: CoreContext): void {
  if (record.view.type === 'business') moveStatus(state, record, 'PROCESSING', { at: ctx.now });
  record.reviewDueAt = isHeldByEmail(record.view.email)
    ? HELD_REVIEW_DUE_AT
    : ctx.now + ctx.reviewDelaySeconds * 1000;
  state.reviewing.add(record.view.id);
}

/**
 * Starts verification as the platform's settings say: with `external_kyc` off an individual is verified
 * at once, with `auto_verify_business_customers` a business is; otherwise a review starts.
 */
export function beginVerification(state: MockState, record: CustomerRecord, ctx: CoreContext): void {
  const business = record.view.type === 'business';
  if (business ? ctx.autoVerifyBusiness : !ctx.externalKyc) {
    completeReview(state, record, { outcome: 'VERIFIED' }, ctx.now);
    return;
  }
  startReview(state, record, ctx);
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
      completeReview(state, record, defaultVerdict(state, record), now);
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
