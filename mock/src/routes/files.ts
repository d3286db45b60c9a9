import { Hono } from 'hono';
import { issueUpload } from '../core/uploads.js';
import { coreContext, type MockDeps } from '../deps.js';
import type { components } from '../generated/openapi.js';
import { requireScope } from '../http/auth.js';
import { respond } from '../http/respond.js';
import { unwrap, validBody } from '../http/validated.js';
import { createPresignedUrl } from '../signing/presigned-url.js';

type Schemas = components['schemas'];

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

/** `POST /api/external/file/get-presigned-url` (operationId `getPresignedUrl`): individual customers only. */
export function fileRoutes(deps: MockDeps): Hono {
  const app = new Hono();
  app.post('/api/external/file/get-presigned-url', requireScope(deps, 'getPresignedUrl'), async (c) => {
    const body = await validBody<Schemas['PresignRequest']>(c, deps, 'getPresignedUrl');
    const { pending, now } = await deps.store.transact((state, now) => ({
      pending: unwrap(issueUpload(state, body.customer_id, body.file_category, coreContext(deps, now))),
      now,
    }));
    return respond(c, 'getPresignedUrl', 200, {
      message: 'Upload URL generated successfully',
      file_id: pending.fileId,
      url: objectUrl(deps, pending.fileId, 'PUT', now),
      headers: { 'x-amz-acl': 'private' },
    });
  });
  return app;
}
