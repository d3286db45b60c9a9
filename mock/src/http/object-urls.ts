import type { MockDeps } from '../deps.js';
import { createPresignedUrl } from '../signing/presigned-url.js';

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

/** Lifetime of a KYB document's download `url`, as documented. */
export const DOWNLOAD_TTL_SECONDS = 120;
