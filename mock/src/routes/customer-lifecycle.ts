import { Hono } from 'hono';
import { updateCustomer } from '../core/customer-update.js';
import { findCustomer } from '../core/customers.js';
import { UPGRADE_MESSAGES, upgradeKybScope } from '../core/kyb-upgrade.js';
import { submitCustomer } from '../core/submit.js';
import { coreContext, type MockDeps } from '../deps.js';
import { requireScope } from '../http/auth.js';
import { presentCustomer } from '../http/present.js';
import { respond } from '../http/respond.js';
import { unwrap, validBody } from '../http/validated.js';
import type { MockState } from '../store/state.js';

const CUSTOMER = '/api/external/customer/:customer';

/** Customer changes after creation: update, KYC data, upgrade of the KYB scope, submission for review. */
export function customerLifecycleRoutes(deps: MockDeps): Hono {
  const app = new Hono();
  const answer = (state: MockState, id: string, now: number) =>
    presentCustomer(deps, unwrap(findCustomer(state, id)), now);

  app.put(CUSTOMER, requireScope(deps, 'updateCustomer'), async (c) => {
    const body = await validBody(c, deps, 'updateCustomer');
    const id = c.req.param('customer');
    const data = await deps.store.transact((state, now) => {
      unwrap(updateCustomer(state, id, body, coreContext(deps, now)));
      return answer(state, id, now);
    });
    return respond(c, 'updateCustomer', 200, { message: 'Customer updated successfully', data });
  });

  app.post(`${CUSTOMER}/kyc-data`, requireScope(deps, 'addKycData'), async (c) => {
    const body = await validBody(c, deps, 'addKycData');
    const id = c.req.param('customer');
    const data = await deps.store.transact((state, now) => {
      unwrap(updateCustomer(state, id, body, coreContext(deps, now)));
      return answer(state, id, now);
    });
    const message = `${data.type === 'business' ? 'Business customer' : 'Customer'} KYC data updated successfully.`;
    return respond(c, 'addKycData', 200, { message, data });
  });

  app.post(`${CUSTOMER}/upgrade-kyb-scope`, requireScope(deps, 'upgradeKybScope'), async (c) => {
    const body = await validBody(c, deps, 'upgradeKybScope');
    const id = c.req.param('customer');
    const data = await deps.store.transact((state, now) => {
      unwrap(upgradeKybScope(state, id, body, coreContext(deps, now)));
      return answer(state, id, now);
    });
    return respond(c, 'upgradeKybScope', 200, { message: UPGRADE_MESSAGES.success, data });
  });

  app.post(`${CUSTOMER}/submit`, requireScope(deps, 'submitCustomer'), async (c) => {
    const id = c.req.param('customer');
    const data = await deps.store.transact((state, now) => {
      unwrap(submitCustomer(state, id, coreContext(deps, now)));
      return answer(state, id, now);
    });
    const message = 'Customer submitted for verification successfully';
    return respond(c, 'submitCustomer', 200, { message, data });
  });
  return app;
}
