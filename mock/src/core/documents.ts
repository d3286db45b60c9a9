import type { components } from '../generated/openapi.js';
import type { CustomerRecord, MockState, PendingUpload } from '../store/state.js';
import { badRequest, findBusiness, findDocument, KYB_MESSAGES, type KybDocument } from './business.js';
import { formatTimestamp } from './clock.js';
import type { CoreContext } from './context.js';
import { checkFileForUse, moveAttachment, releaseAttachment } from './file-checks.js';
import { fail, ok, type Result } from './result.js';
import { useKey } from './slots.js';
import { recordPendingUpload } from './uploads.js';
import { customerLock, isChildLocked, reopenIfRejected } from './verification.js';

type Schemas = components['schemas'];

const EXTENSIONS = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' } as const;

/** Issues a presigned upload for a KYB document (operationId `getDocumentPresignedUrl`; no body). */
export function issueDocumentUpload(
  state: MockState,
  customerId: string,
  ctx: CoreContext,
): Result<PendingUpload> {
  const found = findBusiness(state, customerId);
  if (!found.ok) return found;
  return ok(recordPendingUpload(state, customerId, 'kyb_document', ctx));
}

function checkDocumentFile(
  state: MockState,
  record: CustomerRecord,
  documentId: string,
  fileId: string,
  ctx: CoreContext,
) {
  return checkFileForUse(state, fileId, {
    customerId: record.view.id,
    slot: 'kyb_document',
    holderId: documentId,
    maxBytes: ctx.maxUploadBytes,
    tooLargeMessage: KYB_MESSAGES.documentTooLarge,
  });
}

function fileFailure<T>(message: string): Result<T> {
  return fail({ kind: 'validation', message, errors: { file_id: [message] } });
}

function placeFile(state: MockState, record: CustomerRecord, document: KybDocument, fileId: string): void {
  moveAttachment(state, record.documentFiles.get(document.id), fileId, useKey('kyb_document', document.id));
  record.documentFiles.set(document.id, fileId);
  const mime = state.files.get(fileId)?.detectedMime;
  document.extension = mime ? EXTENSIONS[mime] : 'bin';
}

/** Registers an uploaded file as a KYB document, PENDING (operationId `registerDocument`, 201). */
export function registerDocument(
  state: MockState,
  customerId: string,
  body: Schemas['RegisterDocumentRequest'],
  ctx: CoreContext,
): Result<KybDocument> {
  const found = findBusiness(state, customerId);
  if (!found.ok) return found;
  const record = found.value;
  if (customerLock(record)) return badRequest(KYB_MESSAGES.documentsCustomerLocked);
  const id = ctx.newId();
  const problem = checkDocumentFile(state, record, id, body.file_id, ctx);
  if (problem) return fileFailure(problem);
  const stamp = formatTimestamp(ctx.now);
  const document: KybDocument = {
    id,
    business_customer_id: customerId,
    type: body.type,
    name: body.name,
    extension: 'bin',
    description: body.description ?? null,
    status: 'PENDING',
    admin_comments: null,
    created_at: stamp,
    updated_at: stamp,
  } as KybDocument;
  placeFile(state, record, document, body.file_id);
  record.view.documents = [...(record.view.documents ?? []), document];
  return ok(document);
}

/** A business customer's document, open for changes; else 404 or 400 with the documented messages. */
function findEditableDocument(state: MockState, customerId: string, documentId: string) {
  const found = findBusiness(state, customerId);
  if (!found.ok) return found;
  const document = findDocument(found.value, documentId);
  if (!document.ok) return document;
  if (customerLock(found.value)) return badRequest(KYB_MESSAGES.documentsCustomerLocked);
  if (isChildLocked(document.value)) return badRequest(KYB_MESSAGES.documentLocked);
  return ok({ record: found.value, document: document.value });
}

/** Edits type, name, description or the file of a document (operationId `updateDocument`). */
export function updateDocument(
  state: MockState,
  customerId: string,
  documentId: string,
  body: Schemas['UpdateDocumentRequest'],
  ctx: CoreContext,
): Result<KybDocument> {
  const found = findEditableDocument(state, customerId, documentId);
  if (!found.ok) return found;
  const { record, document } = found.value;
  if (body.file_id !== undefined) {
    const problem = checkDocumentFile(state, record, documentId, body.file_id, ctx);
    if (problem) return fileFailure(problem);
    placeFile(state, record, document, body.file_id);
  }
  if (body.type !== undefined) document.type = body.type;
  if (body.name !== undefined) document.name = body.name;
  if (body.description !== undefined) document.description = body.description;
  reopenIfRejected(document);
  document.updated_at = formatTimestamp(ctx.now);
  return ok(document);
}

/** Removes a document and frees its file (operationId `deleteDocument`). */
export function deleteDocument(state: MockState, customerId: string, documentId: string): Result<true> {
  const found = findEditableDocument(state, customerId, documentId);
  if (!found.ok) return found;
  const { record } = found.value;
  record.view.documents = (record.view.documents ?? []).filter((d) => d.id !== documentId);
  releaseAttachment(state, record.documentFiles.get(documentId));
  record.documentFiles.delete(documentId);
  return ok(true);
}
