import { encodeUploadTicket } from '../core/upload-ticket.js';
import type { MockDeps } from '../deps.js';
import { createPresignedUrl } from '../signing/presigned-url.js';
import type { PendingUpload } from '../store/state.js';

/** Path prefix of uploaded objects on the object store. */
export const UPLOAD_PREFIX = '/blaaiz-uploads/';

/** Signs the object store URL for a file_id: PUT to upload (5 minutes), GET to download (2 minutes). */
export function objectUrl(deps: MockDeps, fileId: string, method: 'PUT' | 'GET', issuedAtMs: number): string {
  return createPresignedUrl({
    method,
    baseUrl: deps.urls.storage,
    path: `${UPLOAD_PREFIX}${fileId}`,
    issuedAtMs,
    expiresSeconds: method === 'PUT' ? deps.config.presignTtlSeconds : DOWNLOAD_TTL_SECONDS,
    secret: deps.config.signingSecret,
  });
}

/**
 * The presigned PUT URL of an issued upload (5 minutes): it carries the upload's ticket (customer,
 * category, owner, reset epoch), signed with the rest, so its PUT needs no record kept per URL.
 */
export function uploadUrl(deps: MockDeps, pending: PendingUpload, epoch: number, issuedAtMs: number): string {
  return createPresignedUrl({
    method: 'PUT',
    baseUrl: deps.urls.storage,
    path: `${UPLOAD_PREFIX}${pending.fileId}`,
    issuedAtMs,
    expiresSeconds: deps.config.presignTtlSeconds,
    secret: deps.config.signingSecret,
    upload: encodeUploadTicket(pending, epoch),
  });
}

/** Lifetime of a KYB document's download `url`, as documented. */
export const DOWNLOAD_TTL_SECONDS = 120;
