import type { MockState, StoredFile, UploadCategory } from '../store/state.js';

/** Where a file is about to be used: which customer, upload category and record slot. */
export interface FileUse {
  customerId: string;
  category: UploadCategory;
  ownerId?: string;
  /** Identifies the record slot (`customer/slot`, `owner/front`, `document/id`), so a retry is harmless. */
  useKey: string;
  /** Human field name for messages, e.g. `id file`. */
  label: string;
  maxBytes: number;
  /** Message when the file is over the size limit (the KYB document endpoints have their own). */
  tooLargeMessage?: string;
  /** Whether a file that is not a PDF/JPEG/PNG by content is refused here (default true). */
  checkContent?: boolean;
}

const CATEGORY_SOURCES: Record<UploadCategory, string> = {
  identity: 'file_category identity',
  identity_back: 'file_category identity_back',
  proof_of_address: 'file_category proof_of_address',
  liveness_check: 'file_category liveness_check',
  id_document_front: 'file_category id_document_front',
  id_document_back: 'file_category id_document_back',
  kyb_document: 'the document presigned-URL endpoint',
};

/**
 * Checks that a file_id may be used for `use` (api-contract §4): issued for this customer (and owner) and
 * category, uploaded, not used by another record, at most 25 MB, a PDF/JPEG/PNG by content.
 * Returns the 422 message, or undefined when the file is fit.
 */
export function checkFileForUse(state: MockState, fileId: string, use: FileUse): string | undefined {
  const file: StoredFile | undefined = state.files.get(fileId);
  if (!file) {
    const pending = state.pending.get(fileId);
    if (pending?.customerId === use.customerId) return `The ${use.label} file has not been uploaded yet.`;
    return `The selected ${use.label} is invalid.`;
  }
  if (file.customerId !== use.customerId || file.ownerId !== use.ownerId)
    return `The selected ${use.label} is invalid.`;
  if (file.category !== use.category) {
    return `The ${use.label} must be a file uploaded with ${CATEGORY_SOURCES[use.category]} (this one is ${file.category}).`;
  }
  if (file.attachedTo !== undefined && file.attachedTo !== use.useKey) {
    return `The ${use.label} has already been attached to another record.`;
  }
  if (file.size > use.maxBytes)
    return use.tooLargeMessage ?? `The ${use.label} failed checks: it exceeds the 25 MB maximum.`;
  if (file.detectedMime === null && use.checkContent !== false)
    return `The ${use.label} failed checks: it must be a PDF, JPEG or PNG file.`;
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
