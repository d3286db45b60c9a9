import type { CustomerRecord, MockState, VerificationStatus } from '../store/state.js';
import { OUTBOX_MAX } from '../store/state.js';

/** Status of an owner or a KYB document. */
export type ChildStatus = 'PENDING' | 'PROCESSING' | 'APPROVED' | 'REJECTED';

/**
 * Every customer `verification_status` change the mock makes, per customer type, as data. Individuals
 * never show PROCESSING (api-contract §4): a review outcome moves them from PENDING or REJECTED (a
 * re-upload) straight to VERIFIED or REJECTED. Businesses enter review on `/submit` (PROCESSING, or
 * VERIFIED at once with auto-verify), get an outcome (timed or forced), and a KYB upgrade sends a
 * verified one back to PENDING.
 */
export const CUSTOMER_TRANSITIONS: Record<
  'individual' | 'business',
  Record<VerificationStatus, readonly VerificationStatus[]>
> = {
  individual: {
    PENDING: ['VERIFIED', 'REJECTED'],
    PROCESSING: ['VERIFIED', 'REJECTED'],
    REJECTED: ['VERIFIED', 'REJECTED'],
    VERIFIED: [],
  },
  business: {
    PENDING: ['PROCESSING', 'VERIFIED', 'REJECTED'],
    PROCESSING: ['VERIFIED', 'REJECTED'],
    REJECTED: ['PROCESSING', 'VERIFIED', 'REJECTED'],
    VERIFIED: ['PENDING'],
  },
};

/**
 * Every owner / document `status` change: `/submit` puts PENDING ones under review, a review approves or
 * rejects them (a forced one may reverse an approval), editing a rejected one reopens it.
 */
export const CHILD_TRANSITIONS: Record<ChildStatus, readonly ChildStatus[]> = {
  PENDING: ['PROCESSING', 'APPROVED', 'REJECTED'],
  PROCESSING: ['APPROVED', 'REJECTED'],
  REJECTED: ['PENDING', 'APPROVED', 'REJECTED'],
  APPROVED: ['APPROVED', 'REJECTED'],
};

/** Why a status moves; a seed places a customer in its starting status and queues no event. */
export interface StatusMove {
  at: number;
  comment?: string | null;
  seed?: boolean;
}

/**
 * The one writer of a customer's `verification_status`: checks the transition against
 * `CUSTOMER_TRANSITIONS` and queues a `customer.status_changed` event in the state's outbox.
 */
export function moveStatus(
  state: MockState,
  record: CustomerRecord,
  to: VerificationStatus,
  move: StatusMove,
): void {
  const view = record.view;
  const from = view.verification_status;
  if (move.seed) {
    view.verification_status = to;
    return;
  }
  if (!CUSTOMER_TRANSITIONS[view.type][from].includes(to)) {
    throw new Error(`verification_status cannot move from ${from} to ${to}`);
  }
  view.verification_status = to;
  state.outbox.push({
    seq: state.nextEventSeq++,
    customer_id: view.id,
    from,
    to,
    comment: move.comment ?? null,
    at: move.at,
  });
  if (state.outbox.length > OUTBOX_MAX) state.outbox.splice(0, state.outbox.length - OUTBOX_MAX);
}

/** The one writer of an owner's or document's `status`; admin comments are set with the outcome. */
export function moveChildStatus(
  child: { status: string; admin_comments?: string[] | null },
  to: ChildStatus,
  comment?: string,
): void {
  const from = child.status as ChildStatus;
  if (!CHILD_TRANSITIONS[from]?.includes(to)) throw new Error(`status cannot move from ${from} to ${to}`);
  child.status = to;
  child.admin_comments = to === 'REJECTED' ? [comment ?? 'Rejected by the mock review.'] : null;
}

/** What stops a customer's records from changing: a review in progress, or a final verification. */
export type CustomerLock = 'under_review' | 'verified' | undefined;

/** The one "is it locked?" rule of customers: under review while a review runs, final once VERIFIED. */
export function customerLock(record: CustomerRecord): CustomerLock {
  const status = record.view.verification_status;
  if (status === 'PROCESSING' || record.reviewDueAt !== undefined) return 'under_review';
  return status === 'VERIFIED' ? 'verified' : undefined;
}

/** An owner or document that is approved or under review may not change. */
export function isChildLocked(child: { status: string }): boolean {
  return child.status === 'APPROVED' || child.status === 'PROCESSING';
}

/** Editing a REJECTED owner or document sends it back to PENDING and clears the reviewer's comments. */
export function reopenIfRejected(child: { status: string; admin_comments?: string[] | null }): void {
  if (child.status === 'REJECTED') moveChildStatus(child, 'PENDING');
}
