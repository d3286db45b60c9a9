import type { CustomerRecord, MockState, PendingUpload, StoredFile, UploadCategory } from '../store/state.js';
import type { CoreContext } from './context.js';
import { findCustomer } from './customers.js';
import { fail, ok, type Result } from './result.js';
import { pendingFromTicket, type UploadTicket } from './upload-ticket.js';
import { customerLock } from './verification.js';

/** Message of the 400 an individual-only endpoint answers for a business customer. */
export const INDIVIDUAL_ONLY =
  'This endpoint is for individual customers only. Business customers upload through the KYB endpoints (owner files and documents).';

/** Why a customer's uploads are refused (api-contract §4). */
const LOCKED_MESSAGES = {
  under_review: 'Customer verification is in progress; uploads are blocked until it completes.',
  verified: 'Files cannot be uploaded for a verified customer.',
} as const;

/** Finds an individual customer whose uploads are open, or the API's 404/400. */
export function findUploadableIndividual(state: MockState, customerId: string): Result<CustomerRecord> {
  const found = findCustomer(state, customerId);
  if (!found.ok) return found;
  const view = found.value.view;
  if (view.type !== 'individual') return fail({ kind: 'bad_request', message: INDIVIDUAL_ONLY });
  const lock = customerLock(found.value);
  if (lock) return fail({ kind: 'bad_request', message: LOCKED_MESSAGES[lock] });
  return found;
}

/** Issues a file_id and records the pending upload of an individual (operationId `getPresignedUrl`). */
export function issueUpload(
  state: MockState,
  customerId: string,
  category: UploadCategory,
  ctx: CoreContext,
): Result<PendingUpload> {
  const found = findUploadableIndividual(state, customerId);
  if (!found.ok) return fail(found.error);
  return ok(recordPendingUpload(state, customerId, category, ctx));
}

/**
 * Most issued-but-unused uploads remembered. The URL carries what its PUT needs (`UploadTicket`), so
 * these records only name uploads in the inspector and the attach message "has not been uploaded yet";
 * past the bound the oldest are forgotten and their URLs still work.
 */
export const PENDING_MAX = 10_000;
/** How far past `PENDING_MAX` the records may grow before the oldest are forgotten in one pass. */
export const PENDING_SLACK = 1_000;

/**
 * Forgets the oldest pending uploads not streaming in, down to `PENDING_MAX`, once they exceed it by
 * `PENDING_SLACK`: one pass per thousand presigns, not a walk from the map's head on every one.
 */
function boundPending(state: MockState): void {
  if (state.pending.size <= PENDING_MAX + PENDING_SLACK) return;
  for (const [fileId, pending] of state.pending) {
    if (state.pending.size <= PENDING_MAX) return;
    if (!pending.inFlight) state.pending.delete(fileId);
  }
}

/** Records a pending upload for a customer (and owner) whose eligibility the caller checked. */
export function recordPendingUpload(
  state: MockState,
  customerId: string,
  category: UploadCategory,
  ctx: CoreContext,
  ownerId?: string,
): PendingUpload {
  sweepExpiredUploads(state, ctx.now);
  const pending: PendingUpload = {
    fileId: ctx.newId(),
    customerId,
    category,
    ...(ownerId === undefined ? {} : { ownerId }),
    expiresAt: ctx.now + ctx.presignTtlSeconds * 1000,
    inFlight: false,
  };
  state.pending.set(pending.fileId, pending);
  state.sweepAfter = Math.min(state.sweepAfter, pending.expiresAt);
  boundPending(state);
  return pending;
}

/**
 * Drops presigned uploads that expired unused. Entries are issued with one lifetime, so the map's
 * insertion order is expiry order and the sweep stops at the first live entry.
 */
export function sweepExpiredUploads(state: MockState, now: number): number {
  if (now < state.sweepAfter) return 0;
  let removed = 0;
  let next = Number.POSITIVE_INFINITY;
  for (const [fileId, pending] of state.pending) {
    if (pending.expiresAt > now) {
      next = Math.min(next, pending.expiresAt);
      break;
    }
    if (pending.inFlight && !claimLapsed(pending, now)) {
      next = now; // an expired upload still streaming in: look again on the next request
      continue;
    }
    state.pending.delete(fileId);
    removed++;
  }
  state.sweepAfter = next;
  return removed;
}

export type ClaimOutcome =
  | { ok: true; pending: PendingUpload }
  | { ok: false; reason: 'used' | 'busy' | 'unknown' };

/**
/**
 * How long a claim holds (virtual ms): longer than any request may stream. A shared store keeps claims,
 * so one made by an instance that died runs out instead of blocking its URL.
 */
export const CLAIM_LEASE_MS = 10 * 60_000;

function claimLapsed(pending: PendingUpload, now: number | undefined): boolean {
  return now !== undefined && pending.claimedAt !== undefined && now - pending.claimedAt > CLAIM_LEASE_MS;
}

/**
 * Reserves an upload for one PUT at virtual time `now`, so concurrent PUTs of one URL cannot both succeed.
 * The upload is the pending record, or, once that was forgotten, the one the URL's signed ticket describes
 * (re-recorded while it streams in). A file_id already stored is used; one the state does not know is
 * unknown. A claim older than `CLAIM_LEASE_MS` (its instance died) no longer holds.
 */
export function claimUpload(
  state: MockState,
  fileId: string,
  now?: number,
  carried?: { ticket: UploadTicket; expiresAt: number },
): ClaimOutcome {
  if (state.files.has(fileId)) return { ok: false, reason: 'used' };
  let pending = state.pending.get(fileId);
  if (!pending && carried) {
    pending = pendingFromTicket(state, fileId, carried.ticket, carried.expiresAt);
    if (pending) {
      state.pending.set(fileId, pending);
      state.sweepAfter = Math.min(state.sweepAfter, pending.expiresAt);
    }
  }
  if (!pending) return { ok: false, reason: 'unknown' };
  if (pending.inFlight && !claimLapsed(pending, now)) return { ok: false, reason: 'busy' };
  pending.inFlight = true;
  if (now !== undefined) pending.claimedAt = now;
  return { ok: true, pending };
}

/** Gives a claim back after a failed PUT, so the URL can be retried while it is valid. */
export function releaseUpload(state: MockState, fileId: string): void {
  const pending = state.pending.get(fileId);
  if (pending) pending.inFlight = false;
}

/** Records a completed PUT of a claimed upload: the pending upload becomes a stored file. */
export function completeUpload(
  state: MockState,
  fileId: string,
  received: Pick<StoredFile, 'size' | 'md5' | 'contentType' | 'detectedMime' | 'uploadedAt'>,
): StoredFile | undefined {
  const pending = state.pending.get(fileId);
  if (!pending) return undefined;
  const file: StoredFile = {
    fileId: pending.fileId,
    customerId: pending.customerId,
    category: pending.category,
    ...(pending.ownerId === undefined ? {} : { ownerId: pending.ownerId }),
    ...received,
  };
  state.pending.delete(pending.fileId);
  state.files.set(file.fileId, file);
  return file;
}
