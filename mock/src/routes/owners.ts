import { Hono } from 'hono';
import { attachOwnerFiles, issueOwnerUpload } from '../core/owner-files.js';
import { deleteOwner } from '../core/owners.js';
import { coreContext, type MockDeps } from '../deps.js';
import type { components } from '../generated/openapi.js';
import { requireScope } from '../http/auth.js';
import { nestedPresign } from '../http/present.js';
import { unwrap, validBody } from '../http/validated.js';

type Schemas = components['schemas'];

const OWNER = '/api/external/customer/:customer/owner/:owner';

/** Beneficial owners of business customers: ID file uploads and deletion (KYB guide, step 3). */
export function ownerRoutes(deps: MockDeps): Hono {
  const app = new Hono();

  app.post(`${OWNER}/file/presigned-url`, requireScope(deps, 'getOwnerFilePresignedUrl'), async (c) => {
    const body = await validBody<Schemas['OwnerPresignRequest']>(c, deps, 'getOwnerFilePresignedUrl');
    const { customer, owner } = c.req.param();
    const pending = unwrap(
      issueOwnerUpload(deps.state, customer, owner, body.file_category, coreContext(deps)),
    );
    return c.json(nestedPresign(deps, pending) satisfies Schemas['NestedPresignResponse']);
  });

  app.post(`${OWNER}/files`, requireScope(deps, 'uploadOwnerFiles'), async (c) => {
    const body = await validBody<Schemas['OwnerFilesRequest']>(c, deps, 'uploadOwnerFiles');
    const { customer, owner } = c.req.param();
    const updated = unwrap(attachOwnerFiles(deps.state, customer, owner, body, coreContext(deps)));
    return c.json({
      message: 'Owner files uploaded successfully',
      data: updated,
    } satisfies Schemas['OwnerFilesResponse']);
  });

  app.delete(OWNER, requireScope(deps, 'deleteOwner'), (c) => {
    const { customer, owner } = c.req.param();
    unwrap(deleteOwner(deps.state, customer, owner));
    return c.json({ message: 'Owner deleted successfully' } satisfies Schemas['MessageResponse']);
  });
  return app;
}
