import { Hono } from 'hono';
import { attachFiles } from '../core/attach.js';
import { filterCustomers, LIST_FILTERS, type ListFilters, paginateCustomers } from '../core/customer-list.js';
import { createCustomer, findCustomer } from '../core/customers.js';
import { coreContext, type MockDeps } from '../deps.js';
import { requireScope } from '../http/auth.js';
import { presentCustomer } from '../http/present.js';
import { respond } from '../http/respond.js';
import { unwrap, validBody, validQuery } from '../http/validated.js';

const BASE = '/api/external/customer';

/** Customer endpoints: create, get, list and the individual upload slots (POST and PUT `/files`). */
export function customerRoutes(deps: MockDeps): Hono {
  const app = new Hono();

  app.post(BASE, requireScope(deps, 'createCustomer'), async (c) => {
    const body = await validBody(c, deps, 'createCustomer');
    const platform = { minimalKybAllowed: deps.config.minimalKybAllowed };
    const customer = await deps.store.transact((state, now) =>
      unwrap(createCustomer(state, body, coreContext(deps, now), platform)),
    );
    return respond(c, 'createCustomer', 201, { message: 'Customer created successfully.', data: customer });
  });

  app.get(BASE, requireScope(deps, 'listCustomers'), async (c) => {
    const query = validQuery(c, deps, 'listCustomers');
    const filters: ListFilters = {};
    for (const field of LIST_FILTERS) if (query[field] !== undefined) filters[field] = query[field];
    const message = 'Customers retrieved successfully';
    if (query.paginate !== 'true' && query.paginate !== '1') {
      const data = await deps.store.transact((state) => filterCustomers(state, filters));
      return respond(c, 'listCustomers', 200, { message, data });
    }
    const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
    const paginated = await deps.store.transact((state) =>
      paginateCustomers(state, filters, page, `${deps.urls.api}${BASE}`),
    );
    return respond(c, 'listCustomers', 200, { message, ...paginated });
  });

  app.get(`${BASE}/:id`, requireScope(deps, 'getCustomer'), async (c) => {
    const data = await deps.store.transact((state, now) =>
      presentCustomer(deps, unwrap(findCustomer(state, c.req.param('id'))), now),
    );
    return respond(c, 'getCustomer', 200, { message: 'Customer retrieved successfully', data });
  });

  for (const [method, operationId] of [
    ['post', 'uploadCustomerFiles'],
    ['put', 'replaceCustomerFiles'],
  ] as const) {
    app[method](`${BASE}/:id/files`, requireScope(deps, operationId), async (c) => {
      const body = await validBody(c, deps, operationId);
      await deps.store.transact((state, now) => {
        unwrap(attachFiles(state, c.req.param('id'), body, coreContext(deps, now)));
      });
      // POST and PUT document the same answer; the POST operation's type checks it.
      return respond(c, 'uploadCustomerFiles', 200, { message: 'Customer files uploaded successfully' });
    });
  }
  return app;
}
