import type { KybDocument } from '../core/business.js';
import type { MockDeps } from '../deps.js';
import type { components } from '../generated/openapi.js';
import { objectUrl } from '../routes/files.js';
import type { CustomerRecord, PendingUpload } from '../store/state.js';

type Schemas = components['schemas'];

/** A KYB document as answered: with a fresh short-lived download `url` served by the object store. */
export function presentDocument(deps: MockDeps, record: CustomerRecord, document: KybDocument): KybDocument {
  const fileId = record.documentFiles.get(document.id);
  return { ...document, url: fileId ? objectUrl(deps, fileId, 'GET', deps.clock.now()) : null };
}

/** A customer as answered: its stored view, documents with fresh download URLs. */
export function presentCustomer(deps: MockDeps, record: CustomerRecord): Schemas['Customer'] {
  const { view } = record;
  if (!view.documents) return view;
  return { ...view, documents: view.documents.map((d) => presentDocument(deps, record, d)) };
}

/** The nested presign answer of the KYB upload endpoints: `{message, data:{file_id, url, headers}}`. */
export function nestedPresign(deps: MockDeps, pending: PendingUpload) {
  return {
    message: 'Upload URL generated successfully',
    data: {
      file_id: pending.fileId,
      url: objectUrl(deps, pending.fileId, 'PUT', deps.clock.now()),
      headers: { 'x-amz-acl': 'private' },
    },
  };
}
