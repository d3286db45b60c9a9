import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import {
  createWebhook,
  findWebhook,
  presentWebhook,
  updateWebhook,
  WEBHOOK_MESSAGES,
} from '../core/webhook-registration.js';
import type { MockDeps } from '../deps.js';
import { requireScope } from '../http/auth.js';
import { respond } from '../http/respond.js';
import { unwrap, validBody } from '../http/validated.js';

const BASE = '/api/external/webhook';

/** A fresh webhook signing secret: 40 hex characters, as the docs' example. */
export function newSigningSecret(): string {
  return randomBytes(20).toString('hex');
}

/** Webhook registration (api-contract §5): create (secret shown once), read, and both update forms. */
export function webhookRoutes(deps: MockDeps): Hono {
  const app = new Hono();

  app.post(BASE, requireScope(deps, 'createWebhook'), async (c) => {
    const body = await validBody(c, deps, 'createWebhook');
    const fresh = { id: deps.newId(), signingSecret: newSigningSecret(), chaos: deps.config.webhookChaos };
    const record = await deps.store.transact((state, now) =>
      unwrap(createWebhook(state, body, { ...fresh, now })),
    );
    return respond(c, 'createWebhook', 200, {
      message: WEBHOOK_MESSAGES.created,
      data: { signing_secret: record.signing_secret },
    });
  });

  app.get(BASE, requireScope(deps, 'getWebhook'), async (c) => {
    const data = await deps.store.transact((state) => presentWebhook(unwrap(findWebhook(state))));
    return respond(c, 'getWebhook', 200, { message: WEBHOOK_MESSAGES.fetched, data });
  });

  for (const [path, operationId] of [
    [BASE, 'updateWebhook'],
    [`${BASE}/:id`, 'updateWebhookById'],
  ] as const) {
    app.put(path, requireScope(deps, operationId), async (c) => {
      const body = await validBody(c, deps, operationId);
      const id = operationId === 'updateWebhookById' ? c.req.param('id') : undefined;
      const data = await deps.store.transact((state, now) =>
        presentWebhook(unwrap(updateWebhook(state, id, body, now))),
      );
      const answer = { message: WEBHOOK_MESSAGES.updated, data };
      return operationId === 'updateWebhook'
        ? respond(c, 'updateWebhook', 200, answer)
        : respond(c, 'updateWebhookById', 200, answer);
    });
  }
  return app;
}
