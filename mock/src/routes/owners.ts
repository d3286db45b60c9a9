import { Hono } from 'hono';
import { attachOwnerFiles, issueOwnerUpload } from '../core/owner-files.js';
import { deleteOwner } from '../core/owners.js';
import { coreContext, type MockDeps } from '../deps.js';
import { requireScope } from '../http/auth.js';
import { nestedPresign } from '../http/present.js';
import { respond } from '../http/respond.js';
import { unwrap, validBody } from '../http/validated.js';

const OWNER = '/api/external/customer/:customer/owner/:owner';

/** Beneficial owners of business customers: ID file uploads and deletion (KYB guide, step 3). */
export function ownerRoutes(deps: MockDeps): Hono {
  const app = new Hono();

  app.post(`${OWNER}/file/presigned-url`, requireScope(deps, 'getOwnerFilePresignedUrl'), async (c) => {
    const body = await validBody(c, deps, 'getOwnerFilePresignedUrl');
    const { customer, owner } = c.req.param();
    const answer = await deps.store.transact((state, now) => {
      const ctx = coreContext(deps, now);
      return nestedPresign(
        deps,
        unwrap(issueOwnerUpload(state, customer, owner, body.file_category, ctx)),
        state.epoch,
        now,
      );
    });
    return respond(c, 'getOwnerFilePresignedUrl', 200, answer);
  });

  app.post(`${OWNER}/files`, requireScope(deps, 'uploadOwnerFiles'), async (c) => {
    const body = await validBody(c, deps, 'uploadOwnerFiles');
    const { customer, owner } = c.req.param();
    const data = await deps.store.transact((state, now) =>
      unwrap(attachOwnerFiles(state, customer, owner, body, coreContext(deps, now))),
    );
    return respond(c, 'uploadOwnerFiles', 200, { message: 'Owner files uploaded successfully', data });
  });

  app.delete(OWNER, requireScope(deps, 'deleteOwner'), async (c) => {
    const { customer, owner } = c.req.param();
    await deps.store.transact((state) => unwrap(deleteOwner(state, customer, owner)));
    return respond(c, 'deleteOwner', 200, { message: 'Owner deleted successfully' });
  });
  return app;
}
