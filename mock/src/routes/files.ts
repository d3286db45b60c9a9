import { Hono } from 'hono';
import { issueUpload } from '../core/uploads.js';
import { coreContext, type MockDeps } from '../deps.js';
import { requireScope } from '../http/auth.js';
import { uploadUrl } from '../http/object-urls.js';
import { respond } from '../http/respond.js';
import { unwrap, validBody } from '../http/validated.js';

/** `POST /api/external/file/get-presigned-url` (operationId `getPresignedUrl`): individual customers only. */
export function fileRoutes(deps: MockDeps): Hono {
  const app = new Hono();
  app.post('/api/external/file/get-presigned-url', requireScope(deps, 'getPresignedUrl'), async (c) => {
    const body = await validBody(c, deps, 'getPresignedUrl');
    const { pending, epoch, now } = await deps.store.transact((state, now) => ({
      pending: unwrap(issueUpload(state, body.customer_id, body.file_category, coreContext(deps, now))),
      epoch: state.epoch,
      now,
    }));
    return respond(c, 'getPresignedUrl', 200, {
      message: 'Upload URL generated successfully',
      file_id: pending.fileId,
      url: uploadUrl(deps, pending, epoch, now),
      headers: { 'x-amz-acl': 'private' },
    });
  });
  return app;
}
