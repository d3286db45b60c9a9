import { Hono } from 'hono';
import { findBusiness, findDocument } from '../core/business.js';
import { deleteDocument, issueDocumentUpload, registerDocument, updateDocument } from '../core/documents.js';
import { coreContext, type MockDeps } from '../deps.js';
import { requireScope } from '../http/auth.js';
import { nestedPresign, presentDocument } from '../http/present.js';
import { respond } from '../http/respond.js';
import { unwrap, validBody } from '../http/validated.js';

const DOCS = '/api/external/customer/:customer/document';

/** KYB documents of business customers: presign, register, list, show, edit, delete (KYB guide, step 4). */
export function documentRoutes(deps: MockDeps): Hono {
  const app = new Hono();

  app.post(`${DOCS}/presigned-url`, requireScope(deps, 'getDocumentPresignedUrl'), async (c) => {
    const answer = await deps.store.transact((state, now) => {
      const pending = unwrap(issueDocumentUpload(state, c.req.param('customer'), coreContext(deps, now)));
      return nestedPresign(deps, pending, state.epoch, now);
    });
    return respond(c, 'getDocumentPresignedUrl', 200, answer);
  });

  app.post(DOCS, requireScope(deps, 'registerDocument'), async (c) => {
    const body = await validBody(c, deps, 'registerDocument');
    const customer = c.req.param('customer');
    const data = await deps.store.transact((state, now) => {
      const document = unwrap(registerDocument(state, customer, body, coreContext(deps, now)));
      return presentDocument(deps, unwrap(findBusiness(state, customer)), document, now);
    });
    return respond(c, 'registerDocument', 201, { message: 'Document created successfully', data });
  });

  app.get(DOCS, requireScope(deps, 'listDocuments'), async (c) => {
    const data = await deps.store.transact((state, now) => {
      const record = unwrap(findBusiness(state, c.req.param('customer')));
      return (record.view.documents ?? []).map((d) => presentDocument(deps, record, d, now));
    });
    return respond(c, 'listDocuments', 200, { data });
  });

  app.get(`${DOCS}/:document`, requireScope(deps, 'getDocument'), async (c) => {
    const data = await deps.store.transact((state, now) => {
      const record = unwrap(findBusiness(state, c.req.param('customer')));
      return presentDocument(deps, record, unwrap(findDocument(record, c.req.param('document'))), now);
    });
    return respond(c, 'getDocument', 200, { message: 'Document retrieved successfully', data });
  });

  app.put(`${DOCS}/:document`, requireScope(deps, 'updateDocument'), async (c) => {
    const body = await validBody(c, deps, 'updateDocument');
    const { customer, document: id } = c.req.param();
    const data = await deps.store.transact((state, now) => {
      const document = unwrap(updateDocument(state, customer, id, body, coreContext(deps, now)));
      return presentDocument(deps, unwrap(findBusiness(state, customer)), document, now);
    });
    return respond(c, 'updateDocument', 200, { message: 'Document updated successfully', data });
  });

  app.delete(`${DOCS}/:document`, requireScope(deps, 'deleteDocument'), async (c) => {
    const { customer, document } = c.req.param();
    await deps.store.transact((state) => unwrap(deleteDocument(state, customer, document)));
    return respond(c, 'deleteDocument', 200, { message: 'Document deleted successfully' });
  });
  return app;
}
