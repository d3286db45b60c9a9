import { Hono } from 'hono';
import { updateCustomer } from '../core/customer-update.js';
import { findCustomer } from '../core/customers.js';
import { UPGRADE_MESSAGES, upgradeKybScope } from '../core/kyb-upgrade.js';
import { submitCustomer } from '../core/submit.js';
import { coreContext, type MockDeps } from '../deps.js';
import type { components } from '../generated/openapi.js';
import { requireScope } from '../http/auth.js';
import { presentCustomer } from '../http/present.js';
import { unwrap, validBody } from '../http/validated.js';

type Schemas = components['schemas'];

const CUSTOMER = '/api/external/customer/:customer';

/** Customer changes after creation: update, KYC data, upgrade of the KYB scope, submission for review. */
export function customerLifecycleRoutes(deps: MockDeps): Hono {
  const app = new Hono();
  const answer = (id: string) => presentCustomer(deps, unwrap(findCustomer(deps.state, id)));

  app.put(CUSTOMER, requireScope(deps, 'updateCustomer'), async (c) => {
    const body = await validBody<Schemas['UpdateCustomerRequest']>(c, deps, 'updateCustomer');
    const id = c.req.param('customer');
    unwrap(updateCustomer(deps.state, id, body, coreContext(deps)));
    return c.json({
      message: 'Customer updated successfully',
      data: answer(id),
    } satisfies Schemas['CustomerResponse']);
  });

  app.post(`${CUSTOMER}/kyc-data`, requireScope(deps, 'addKycData'), async (c) => {
    const body = await validBody<Schemas['AddKycRequest']>(c, deps, 'addKycData');
    const id = c.req.param('customer');
    const data = unwrap(updateCustomer(deps.state, id, body, coreContext(deps)));
    const message = `${data.type === 'business' ? 'Business customer' : 'Customer'} KYC data updated successfully.`;
    return c.json({ message, data: answer(id) } satisfies Schemas['CustomerResponse']);
  });

  app.post(`${CUSTOMER}/upgrade-kyb-scope`, requireScope(deps, 'upgradeKybScope'), async (c) => {
    const body = await validBody<Schemas['UpgradeKybScopeRequest']>(c, deps, 'upgradeKybScope');
    const id = c.req.param('customer');
    unwrap(upgradeKybScope(deps.state, id, body, coreContext(deps)));
    return c.json({
      message: UPGRADE_MESSAGES.success,
      data: answer(id),
    } satisfies Schemas['CustomerResponse']);
  });

  app.post(`${CUSTOMER}/submit`, requireScope(deps, 'submitCustomer'), (c) => {
    const id = c.req.param('customer');
    unwrap(submitCustomer(deps.state, id, coreContext(deps)));
    const message = 'Customer submitted for verification successfully';
    return c.json({ message, data: answer(id) } satisfies Schemas['CustomerResponse']);
  });
  return app;
}
