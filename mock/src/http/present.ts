import type { KybDocument } from '../core/business.js';
import type { MockDeps } from '../deps.js';
import type { components } from '../generated/openapi.js';
import type { CustomerRecord, PendingUpload } from '../store/state.js';
import { objectUrl, uploadUrl } from './object-urls.js';

type Schemas = components['schemas'];

/** A KYB document as answered at virtual time `now`: with a fresh short-lived download `url`. */
export function presentDocument(
  deps: MockDeps,
  record: CustomerRecord,
  document: KybDocument,
  now: number,
): KybDocument {
  const fileId = record.documentFiles.get(document.id);
  return { ...document, url: fileId ? objectUrl(deps, fileId, 'GET', now) : null };
}

/** A customer as answered at virtual time `now`: its stored view, documents with fresh download URLs. */
export function presentCustomer(deps: MockDeps, record: CustomerRecord, now: number): Schemas['Customer'] {
  const { view } = record;
  if (!view.documents) return view;
  return { ...view, documents: view.documents.map((d) => presentDocument(deps, record, d, now)) };
}

/** The nested presign answer of the KYB upload endpoints: `{message, data:{file_id, url, headers}}`. */
export function nestedPresign(
  deps: MockDeps,
  pending: PendingUpload,
  epoch: number,
  now: number,
): Schemas['NestedPresignResponse'] {
  return {
    message: 'Upload URL generated successfully',
    data: {
      file_id: pending.fileId,
      url: uploadUrl(deps, pending, epoch, now),
      headers: { 'x-amz-acl': 'private' },
    },
  };
}
