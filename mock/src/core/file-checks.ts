import type { MockState, StoredFile } from '../store/state.js';
import { attributeName } from './result.js';
import { categorySource, SLOTS, type SlotName, useKey } from './slots.js';

/** Where a file is about to be used: which customer (and owner), which slot of which holder. */
export interface FileUse {
  customerId: string;
  ownerId?: string;
  slot: SlotName;
  /** The customer, owner or document holding the slot. */
  holderId: string;
  maxBytes: number;
  /** Message when the file is over the size limit (the KYB document endpoints have their own). */
  tooLargeMessage?: string;
  /** Whether a file that is not a PDF/JPEG/PNG by content is refused here (default true). */
  checkContent?: boolean;
}

/**
 * Checks that a file_id may be used for `use` (api-contract §4): issued for this customer (and owner) and
 * category, uploaded, not used by another record, at most 25 MB, a PDF/JPEG/PNG by content.
 * Returns the 422 message, or undefined when the file is fit.
 */
export function checkFileForUse(state: MockState, fileId: string, use: FileUse): string | undefined {
  const { category, field } = SLOTS[use.slot];
  const label = attributeName(field);
  const file: StoredFile | undefined = state.files.get(fileId);
  if (!file) {
    const pending = state.pending.get(fileId);
    if (pending?.customerId === use.customerId) return `The ${label} file has not been uploaded yet.`;
    return `The selected ${label} is invalid.`;
  }
  if (file.customerId !== use.customerId || file.ownerId !== use.ownerId)
    return `The selected ${label} is invalid.`;
  if (file.category !== category) {
    return `The ${label} must be a file uploaded with ${categorySource(category)} (this one is ${file.category}).`;
  }
  if (file.attachedTo !== undefined && file.attachedTo !== useKey(use.slot, use.holderId)) {
    return `The ${label} has already been attached to another record.`;
  }
  if (file.size > use.maxBytes)
    return use.tooLargeMessage ?? `The ${label} failed checks: it exceeds the 25 MB maximum.`;
  if (file.detectedMime === null && use.checkContent !== false)
    return `The ${label} failed checks: it must be a PDF, JPEG or PNG file.`;
  return undefined;
}

/** Frees a file whose record slot was replaced or deleted, so it no longer counts as used. */
export function releaseAttachment(state: MockState, fileId: string | undefined): void {
  const file = fileId === undefined ? undefined : state.files.get(fileId);
  if (file) delete file.attachedTo;
}

/** Moves a slot from its previous file (if any) to `fileId`, keeping each file's `attachedTo` true. */
export function moveAttachment(
  state: MockState,
  previous: string | undefined,
  fileId: string,
  useKey: string,
): void {
  if (previous !== fileId) releaseAttachment(state, previous);
  const file = state.files.get(fileId);
  if (file) file.attachedTo = useKey;
}
