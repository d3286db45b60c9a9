import { Hono } from 'hono';
import { findBusiness, findDocument } from '../core/business.js';
import { deleteDocument, issueDocumentUpload, registerDocument, updateDocument } from '../core/documents.js';
import { coreContext, type MockDeps } from '../deps.js';
import type { components } from '../generated/openapi.js';
import { requireScope } from '../http/auth.js';
import { nestedPresign, presentDocument } from '../http/present.js';
import { unwrap, validBody } from '../http/validated.js';

type Schemas = components['schemas'];

const DOCS = '/api/external/customer/:customer/document';

/** KYB documents of business customers: presign, register, list, show, edit, delete (KYB guide, step 4). */
export function documentRoutes(deps: MockDeps): Hono {
  const app = new Hono();

  app.post(`${DOCS}/presigned-url`, requireScope(deps, 'getDocumentPresignedUrl'), (c) => {
    const pending = unwrap(issueDocumentUpload(deps.state, c.req.param('customer'), coreContext(deps)));
    return c.json(nestedPresign(deps, pending) satisfies Schemas['NestedPresignResponse']);
  });

  app.post(DOCS, requireScope(deps, 'registerDocument'), async (c) => {
    const body = await validBody<Schemas['RegisterDocumentRequest']>(c, deps, 'registerDocument');
    const customer = c.req.param('customer');
    const document = unwrap(registerDocument(deps.state, customer, body, coreContext(deps)));
    const record = unwrap(findBusiness(deps.state, customer));
    const data = presentDocument(deps, record, document);
    return c.json(
      { message: 'Document created successfully', data } satisfies Schemas['DocumentResponse'],
      201,
    );
  });

  app.get(DOCS, requireScope(deps, 'listDocuments'), (c) => {
    const record = unwrap(findBusiness(deps.state, c.req.param('customer')));
    const data = (record.view.documents ?? []).map((d) => presentDocument(deps, record, d));
    return c.json({ data } satisfies Schemas['DocumentListResponse']);
  });

  app.get(`${DOCS}/:document`, requireScope(deps, 'getDocument'), (c) => {
    const record = unwrap(findBusiness(deps.state, c.req.param('customer')));
    const document = unwrap(findDocument(record, c.req.param('document')));
    const data = presentDocument(deps, record, document);
    return c.json({ message: 'Document retrieved successfully', data } satisfies Schemas['DocumentResponse']);
  });

  app.put(`${DOCS}/:document`, requireScope(deps, 'updateDocument'), async (c) => {
    const body = await validBody<Schemas['UpdateDocumentRequest']>(c, deps, 'updateDocument');
    const { customer, document: id } = c.req.param();
    const document = unwrap(updateDocument(deps.state, customer, id, body, coreContext(deps)));
    const data = presentDocument(deps, unwrap(findBusiness(deps.state, customer)), document);
    return c.json({ message: 'Document updated successfully', data } satisfies Schemas['DocumentResponse']);
  });

  app.delete(`${DOCS}/:document`, requireScope(deps, 'deleteDocument'), (c) => {
    const { customer, document } = c.req.param();
    unwrap(deleteDocument(deps.state, customer, document));
    return c.json({ message: 'Document deleted successfully' } satisfies Schemas['MessageResponse']);
  });
  return app;
}
