import type { CustomerRecord, FileCategory, IndividualSlot, MockState, StoredFile } from '../store/state.js';
import { formatTimestamp } from './clock.js';
import type { CoreContext } from './context.js';
import {
  addFieldError,
  attributeName,
  type FieldErrors,
  fail,
  ok,
  type Result,
  validationFailure,
} from './result.js';
import { findUploadableIndividual } from './uploads.js';

/** Which presign category each attach slot takes (api-contract §4). */
export const SLOT_CATEGORY: Record<IndividualSlot, FileCategory> = {
  id_file: 'identity',
  id_file_back: 'identity_back',
  proof_of_address_file: 'proof_of_address',
  liveness_check_file: 'liveness_check',
};

const SLOTS = Object.keys(SLOT_CATEGORY) as IndividualSlot[];

/** Where a file is attached, as recorded on the file. */
function attachmentKey(customerId: string, slot: string): string {
  return `${customerId}/${slot}`;
}

function checkFile(
  state: MockState,
  customerId: string,
  slot: IndividualSlot,
  fileId: string,
  maxBytes: number,
): string | undefined {
  const name = attributeName(slot);
  const file: StoredFile | undefined = state.files.get(fileId);
  if (!file) {
    const pending = state.pending.get(fileId);
    if (pending?.customerId === customerId) return `The ${name} file has not been uploaded yet.`;
    return `The selected ${name} is invalid.`;
  }
  if (file.customerId !== customerId) return `The selected ${name} is invalid.`;
  if (file.category !== SLOT_CATEGORY[slot]) {
    return `The ${name} must be a file uploaded with file_category ${SLOT_CATEGORY[slot]} (this one is ${file.category}).`;
  }
  if (file.attachedTo !== undefined && file.attachedTo !== attachmentKey(customerId, slot)) {
    return `The ${name} has already been attached to another record.`;
  }
  if (file.size > maxBytes) return `The ${name} failed checks: it exceeds the 25 MB maximum.`;
  if (file.detectedMime === null) return `The ${name} failed checks: it must be a PDF, JPEG or PNG file.`;
  return undefined;
}

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
  const requested = SLOTS.filter((slot) => typeof body[slot] === 'string');
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
    const problem = checkFile(state, customerId, slot, fileId, ctx.maxUploadBytes);
    if (problem) addFieldError(errors, slot, problem);
  }
  const failure = validationFailure(errors);
  if (failure) return fail(failure);
  const record = found.value;
  for (const slot of requested) placeFile(state, record, slot, body[slot] as string);
  if (requested.includes('id_file')) startReview(state, record, ctx);
  record.view.updated_at = formatTimestamp(ctx.now);
  return ok(record);
}

function placeFile(state: MockState, record: CustomerRecord, slot: IndividualSlot, fileId: string): void {
  const previous = record.slots[slot];
  if (previous && previous !== fileId) {
    const old = state.files.get(previous);
    if (old) delete old.attachedTo;
  }
  record.slots[slot] = fileId;
  const file = state.files.get(fileId);
  if (file) file.attachedTo = attachmentKey(record.view.id, slot);
}

/** Moves a customer into review; the mock completes it after the configured delay on the virtual clock. */
export function startReview(state: MockState, record: CustomerRecord, ctx: CoreContext): void {
  record.view.verification_status = 'PROCESSING';
  state.reviewing.add(record.view.id);
  record.reviewDueAt = ctx.now + ctx.reviewDelaySeconds * 1000;
}
