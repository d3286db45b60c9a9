import type { CustomerRecord, IndividualSlot, MockState } from '../store/state.js';
import { formatTimestamp } from './clock.js';
import type { CoreContext } from './context.js';
import { checkFileForUse, moveAttachment } from './file-checks.js';
import {
  addFieldError,
  attributeName,
  type FieldErrors,
  fail,
  ok,
  type Result,
  validationFailure,
} from './result.js';
import { beginVerification } from './review.js';
import { INDIVIDUAL_SLOTS, useKey } from './slots.js';
import { findUploadableIndividual } from './uploads.js';

/**
 * Attaches uploaded files to an individual customer's slots (operationIds `uploadCustomerFiles`,
 * `replaceCustomerFiles`). All slots are checked before any is written, so a refused request changes nothing.
 */
export function attachFiles(
  state: MockState,
  customerId: string,
  body: Partial<Record<IndividualSlot, string>>,
  ctx: CoreContext,
): Result<CustomerRecord> {
  const found = findUploadableIndividual(state, customerId);
  if (!found.ok) return found;
  const errors: FieldErrors = {};
  const requested = INDIVIDUAL_SLOTS.filter((slot) => typeof body[slot] === 'string');
  if (requested.length === 0) {
    addFieldError(
      errors,
      'id_file',
      'The id file field is required when none of id file back / proof of address file / liveness check file are present.',
    );
  }
  const seen = new Map<string, IndividualSlot>();
  for (const slot of requested) {
    const fileId = body[slot] as string;
    const twin = seen.get(fileId);
    if (twin)
      addFieldError(errors, slot, `The ${attributeName(slot)} must differ from ${attributeName(twin)}.`);
    seen.set(fileId, slot);
    const problem = checkFileForUse(state, fileId, {
      customerId,
      slot,
      holderId: customerId,
      maxBytes: ctx.maxUploadBytes,
      // A file that is not a document is the review's to refuse (api-contract §4), unless --strict-files.
      checkContent: ctx.strictFiles,
    });
    if (problem) addFieldError(errors, slot, problem);
  }
  const failure = validationFailure(errors);
  if (failure) return fail(failure);
  const record = found.value;
  for (const slot of requested) placeFile(state, record, slot, body[slot] as string);
  if (requested.includes('id_file')) beginVerification(state, record, ctx);
  record.view.updated_at = formatTimestamp(ctx.now);
  return ok(record);
}

function placeFile(state: MockState, record: CustomerRecord, slot: IndividualSlot, fileId: string): void {
  moveAttachment(state, record.slots[slot], fileId, useKey(slot, record.view.id));
  record.slots[slot] = fileId;
}
