import type { MockState, PendingUpload } from '../store/state.js';
import { findEditableOwner, KYB_MESSAGES, type Owner } from './business.js';
import { formatTimestamp } from './clock.js';
import type { CoreContext } from './context.js';
import { checkFileForUse, moveAttachment } from './file-checks.js';
import { addFieldError, type FieldErrors, fail, ok, type Result, validationFailure } from './result.js';
import { OWNER_SLOTS, useKey } from './slots.js';
import { recordPendingUpload } from './uploads.js';
import { reopenIfRejected } from './verification.js';

export type OwnerFileCategory = (typeof OWNER_SLOTS)[number]['field'];

/** Issues a presigned upload for one side of an owner's ID (operationId `getOwnerFilePresignedUrl`). */
export function issueOwnerUpload(
  state: MockState,
  customerId: string,
  ownerId: string,
  category: OwnerFileCategory,
  ctx: CoreContext,
): Result<PendingUpload> {
  const found = findEditableOwner(state, customerId, ownerId, KYB_MESSAGES.ownerFilesLocked);
  if (!found.ok) return found;
  return ok(recordPendingUpload(state, customerId, category, ctx, ownerId));
}

/**
 * Registers uploaded files in an owner's ID slots (operationId `uploadOwnerFiles`); a REJECTED owner
 * goes back to PENDING. All slots are checked before any is written.
 */
export function attachOwnerFiles(
  state: MockState,
  customerId: string,
  ownerId: string,
  body: Partial<Record<OwnerFileCategory, string>>,
  ctx: CoreContext,
): Result<Owner> {
  const found = findEditableOwner(state, customerId, ownerId, KYB_MESSAGES.ownerFilesLocked);
  if (!found.ok) return found;
  const { record, owner } = found.value;
  const requested = OWNER_SLOTS.filter((slot) => typeof body[slot.field] === 'string');
  const errors: FieldErrors = {};
  if (requested.length === 0) {
    addFieldError(
      errors,
      'id_document_front',
      'The id document front field is required when id document back is not present.',
    );
  }
  for (const slot of requested) {
    const problem = checkFileForUse(state, body[slot.field] as string, {
      customerId,
      ownerId,
      slot: slot.field,
      holderId: ownerId,
      maxBytes: ctx.maxUploadBytes,
    });
    if (problem) addFieldError(errors, slot.field, problem);
  }
  const failure = validationFailure(errors);
  if (failure) return fail(failure);
  const slots = record.ownerSlots.get(ownerId) ?? {};
  for (const slot of requested) {
    const fileId = body[slot.field] as string;
    moveAttachment(state, slots[slot.side], fileId, useKey(slot.field, ownerId));
    slots[slot.side] = fileId;
    owner[slot.path] =
      `business-data/api-services/customer/${customerId}/owner/${ownerId}/${slot.field}_${fileId}`;
  }
  record.ownerSlots.set(ownerId, slots);
  reopenIfRejected(owner);
  record.view.updated_at = formatTimestamp(ctx.now);
  return ok(owner);
}
