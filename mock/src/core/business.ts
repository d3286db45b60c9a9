import type { components } from '../generated/openapi.js';
import type { CustomerRecord, MockState } from '../store/state.js';
import { findCustomer } from './customers.js';
import { type Failure, fail, ok, type Result } from './result.js';
import { customerLock, isChildLocked } from './verification.js';

type Schemas = components['schemas'];
export type Owner = Schemas['Owner'];
export type KybDocument = Schemas['KybDocument'];

/** The documented messages of the KYB endpoints (docs' per-endpoint files). */
export const KYB_MESSAGES = {
  businessOnly:
    'This endpoint is for business customers only. Individual customers upload through /file/get-presigned-url and /customer/{id}/files.',
  ownerFilesLocked: 'Cannot upload files for an owner that has been approved or is currently under review.',
  ownerDeleteLocked: 'Cannot remove an owner that has been approved or is currently under review.',
  ownerEditLocked: 'Cannot edit an owner that has been approved or is currently under review.',
  documentsCustomerLocked: 'Cannot modify documents while customer verification is in progress.',
  documentLocked: 'Cannot modify a document that has been approved or is currently under review.',
  documentTooLarge: 'Document file exceeds the 25 MB maximum.',
  ownerNotFound: 'Owner not found',
  documentNotFound: 'Document not found',
} as const;

/** Fails with a 400 carrying `message`. */
export function badRequest<T = never>(message: string): Result<T> {
  return fail({ kind: 'bad_request', message });
}

/** A business customer, or the API's 404 (unknown) / 400 (individual). */
export function findBusiness(state: MockState, customerId: string): Result<CustomerRecord> {
  const found = findCustomer(state, customerId);
  if (found.ok && found.value.view.type !== 'business') return badRequest(KYB_MESSAGES.businessOnly);
  return found;
}

/** The owner `ownerId` of a customer, or 404 "Owner not found". */
export function findOwner(record: CustomerRecord, ownerId: string): Result<Owner> {
  const owner = record.view.owners?.find((o) => o.id === ownerId);
  return owner ? ok(owner) : fail({ kind: 'not_found', message: KYB_MESSAGES.ownerNotFound });
}

/** The KYB document `documentId` of a customer, or 404 "Document not found". */
export function findDocument(record: CustomerRecord, documentId: string): Result<KybDocument> {
  const document = record.view.documents?.find((d) => d.id === documentId);
  return document ? ok(document) : fail({ kind: 'not_found', message: KYB_MESSAGES.documentNotFound });
}

/** A business customer and one of its owners, both open for changes; else 404/400 with `lockedMessage`. */
export function findEditableOwner(
  state: MockState,
  customerId: string,
  ownerId: string,
  lockedMessage: string,
): Result<{ record: CustomerRecord; owner: Owner }> {
  const found = findBusiness(state, customerId);
  if (!found.ok) return found;
  const owner = findOwner(found.value, ownerId);
  if (!owner.ok) return owner;
  if (customerLock(found.value) || isChildLocked(owner.value)) return badRequest(lockedMessage);
  return ok({ record: found.value, owner: owner.value });
}

/** A single-message 422 (the KYB endpoints name one problem at a time), keyed on `field`. */
export function unprocessable(field: string, message: string): Failure {
  return { kind: 'validation', message, errors: { [field]: [message] } };
}
