import type { components } from '../generated/openapi.js';
import type { CustomerRecord, MockState } from '../store/state.js';
import { findEditableOwner, KYB_MESSAGES, type Owner } from './business.js';
import type { CoreContext } from './context.js';
import { buildOwner } from './customers.js';
import { releaseAttachment } from './file-checks.js';
import { fail, ok, type Result } from './result.js';
import { customerLock, isChildLocked, reopenIfRejected } from './verification.js';

type OwnerUpdate = components['schemas']['OwnerUpdateInput'];

/** Most owners a business customer may have. */
export const MAX_OWNERS = 5;

/** Fields a client may never set on an owner (admin-managed; silently ignored, as documented). */
const IGNORED_OWNER_FIELDS = new Set([
  'id',
  'status',
  'admin_comments',
  'id_document_path',
  'id_document_back_path',
]);

function mergeOwner(owner: Owner, input: OwnerUpdate): void {
  const target = owner as Record<string, unknown>;
  for (const [field, value] of Object.entries(input)) {
    // Only fields an owner already has are written: nothing undocumented, no prototype keys.
    if (IGNORED_OWNER_FIELDS.has(field) || !Object.hasOwn(target, field) || value === undefined) continue;
    target[field] = field === 'ownership_percentage' && typeof value === 'number' ? value.toFixed(2) : value;
  }
  reopenIfRejected(owner);
}

/**
 * Creates owners (no `id`) and edits existing ones (`id`) from an `owners[]` array of
 * `updateCustomer`; checked as a whole before anything changes.
 */
export function applyOwnerInputs(
  record: CustomerRecord,
  inputs: OwnerUpdate[],
  ctx: CoreContext,
): Result<true> {
  const owners = record.view.owners ?? [];
  for (const [index, input] of inputs.entries()) {
    if (input.id === undefined) continue;
    const owner = owners.find((o) => o.id === input.id);
    if (!owner) {
      const message = `The selected owners.${index}.id is invalid.`;
      return fail({ kind: 'validation', message, errors: { [`owners.${index}.id`]: [message] } });
    }
    if (isChildLocked(owner) || customerLock(record))
      return fail({ kind: 'bad_request', message: KYB_MESSAGES.ownerEditLocked });
  }
  const created: components['schemas']['OwnerInput'][] = [];
  for (const [index, input] of inputs.entries()) {
    if (input.id !== undefined) continue;
    const { first_name, last_name } = input;
    if (typeof first_name !== 'string' || typeof last_name !== 'string') {
      const field = typeof first_name !== 'string' ? 'first_name' : 'last_name';
      const message = `The owners.${index}.${field.replace('_', ' ')} field is required for a new owner.`;
      return fail({ kind: 'validation', message, errors: { [`owners.${index}.${field}`]: [message] } });
    }
    created.push({ ...input, first_name, last_name });
  }
  if (owners.length + created.length > MAX_OWNERS) {
    const message = `The owners field must not have more than ${MAX_OWNERS} items.`;
    return fail({ kind: 'validation', message, errors: { owners: [message] } });
  }
  for (const input of inputs) {
    const owner = owners.find((o) => o.id === input.id);
    if (owner) mergeOwner(owner, input);
  }
  record.view.owners = [...owners, ...created.map((input) => buildOwner(input, ctx))];
  return ok(true);
}

/** Removes an owner and frees its ID files (operationId `deleteOwner`). */
export function deleteOwner(state: MockState, customerId: string, ownerId: string): Result<true> {
  const found = findEditableOwner(state, customerId, ownerId, KYB_MESSAGES.ownerDeleteLocked);
  if (!found.ok) return found;
  const { record } = found.value;
  record.view.owners = (record.view.owners ?? []).filter((o) => o.id !== ownerId);
  const slots = record.ownerSlots.get(ownerId);
  releaseAttachment(state, slots?.front);
  releaseAttachment(state, slots?.back);
  record.ownerSlots.delete(ownerId);
  return ok(true);
}
