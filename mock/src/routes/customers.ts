import { Hono } from 'hono';
import { attachFiles } from '../core/attach.js';
import { filterCustomers, LIST_FILTERS, type ListFilters, paginateCustomers } from '../core/customer-list.js';
import { createCustomer, findCustomer } from '../core/customers.js';
import { coreContext, type MockDeps } from '../deps.js';
import type { components } from '../generated/openapi.js';
import { requireScope } from '../http/auth.js';
import { presentCustomer } from '../http/present.js';
import { unwrap, validBody, validQuery } from '../http/validated.js';

type Schemas = components['schemas'];

const BASE = '/api/external/customer';

/** Customer endpoints: create, get, list and the individual upload slots (POST and PUT `/files`). */
export function customerRoutes(deps: MockDeps): Hono {
  const app = new Hono();

  app.post(BASE, requireScope(deps, 'createCustomer'), async (c) => {
    const body = await validBody<Schemas['CreateCustomerRequest']>(c, deps, 'createCustomer');
    const platform = { minimalKybAllowed: deps.config.minimalKybAllowed };
    const customer = unwrap(createCustomer(deps.state, body, coreContext(deps), platform));
    return c.json(
      { message: 'Customer created successfully.', data: customer } satisfies Schemas['CustomerResponse'],
      201,
    );
  });

  app.get(BASE, requireScope(deps, 'listCustomers'), (c) => {
    const query = validQuery(c, deps, 'listCustomers');
    const filters: ListFilters = {};
    for (const field of LIST_FILTERS) if (query[field] !== undefined) filters[field] = query[field];
    const message = 'Customers retrieved successfully';
    if (query.paginate !== 'true' && query.paginate !== '1') {
      return c.json({
        message,
        data: filterCustomers(deps.state, filters),
      } satisfies Schemas['CustomerListResponse']);
    }
    const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
    return c.json({ message, ...paginateCustomers(deps.state, filters, page, `${deps.urls.api}${BASE}`) });
  });

  app.get(`${BASE}/:id`, requireScope(deps, 'getCustomer'), (c) => {
    const record = unwrap(findCustomer(deps.state, c.req.param('id')));
    return c.json({
      message: 'Customer retrieved successfully',
      data: presentCustomer(deps, record),
    } satisfies Schemas['CustomerResponse']);
  });

  for (const [method, operationId] of [
    ['post', 'uploadCustomerFiles'],
    ['put', 'replaceCustomerFiles'],
  ] as const) {
    app[method](`${BASE}/:id/files`, requireScope(deps, operationId), async (c) => {
      const body = await validBody<Schemas['CustomerFilesRequest']>(c, deps, operationId);
      unwrap(attachFiles(deps.state, c.req.param('id'), body, coreContext(deps)));
      return c.json({
        message: 'Customer files uploaded successfully',
      } satisfies Schemas['CustomerFilesResponse']);
    });
  }
  return app;
}
