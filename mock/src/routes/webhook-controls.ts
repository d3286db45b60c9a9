import { Hono } from 'hono';
import { requestReplay } from '../core/webhook-delivery.js';
import { findEvent } from '../core/webhook-events.js';
import { isWebhookUrl } from '../core/webhook-registration.js';
import type { MockDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { readRequestBody } from '../http/body.js';
import { describeWebhookEvent, describeWebhooks } from '../http/describe-webhooks.js';
import { unwrap } from '../http/validated.js';
import { newSigningSecret } from './webhooks.js';

type Json = Record<string, unknown>;

function object(body: unknown): Json {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : {};
}

function invalid(field: string, message: string): ApiError {
  return new ApiError(422, message, { [field]: [message] });
}

function chaosOf(body: Json): { duplicate?: boolean; out_of_order?: boolean } {
  const chaos: { duplicate?: boolean; out_of_order?: boolean } = {};
  for (const name of ['duplicate', 'out_of_order'] as const) {
    const value = body[name];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw invalid(name, `The ${name} field must be true or false.`);
    chaos[name] = value;
  }
  return chaos;
}

/** Mock controls of webhooks (README "Webhooks"): the delivery log, replay, registration and chaos. */
export function webhookControlRoutes(deps: MockDeps): Hono {
  const app = new Hono();

  app.get('/__mock/webhooks', async (c) => {
    const limit = Math.min(1000, Math.max(1, Number.parseInt(c.req.query('limit') ?? '100', 10) || 100));
    return c.json(await deps.store.transact((state) => describeWebhooks(state, limit)));
  });

  app.post('/__mock/webhooks/:event_id/replay', async (c) => {
    const eventId = c.req.param('event_id');
    await deps.store.transact((state) => unwrap(requestReplay(state, eventId)));
    await deps.webhooks.drain();
    const event = await deps.store.transact((state) => findEvent(state, eventId));
    if (!event) throw new ApiError(404, 'Webhook event not found');
    return c.json({ message: 'Webhook event replayed.', data: describeWebhookEvent(event) });
  });

  // Registers (or re-points) the platform's webhook and tells the secret: what the test harness uses.
  app.post('/__mock/webhooks/register', async (c) => {
    const body = object(await readRequestBody(c));
    const url = body.collection_url;
    if (!isWebhookUrl(url))
      throw invalid('collection_url', 'The collection_url field must be an http(s) URL.');
    const payout = body.payout_url ?? url;
    if (!isWebhookUrl(payout)) throw invalid('payout_url', 'The payout_url field must be an http(s) URL.');
    const chaos = chaosOf(object(body.chaos));
    const secret = newSigningSecret();
    const id = deps.newId();
    const record = await deps.store.transact((state, now) => {
      const kept = state.webhook;
      state.webhook = {
        id: kept?.id ?? id,
        collection_url: url,
        payout_url: payout,
        kyc_url: kept?.kyc_url ?? null,
        signing_secret: kept?.signing_secret ?? secret,
        chaos: { ...deps.config.webhookChaos, ...kept?.chaos, ...chaos },
        created_at: kept?.created_at ?? now,
        updated_at: now,
      };
      return state.webhook;
    });
    const { id: recordId, signing_secret, chaos: applied } = record;
    return c.json({
      message: 'Webhook registered.',
      data: { id: recordId, collection_url: url, signing_secret, chaos: applied },
    });
  });

  app.put('/__mock/webhooks/chaos', async (c) => {
    const chaos = chaosOf(object(await readRequestBody(c)));
    const applied = await deps.store.transact((state) => {
      if (!state.webhook) return undefined;
      state.webhook.chaos = { ...state.webhook.chaos, ...chaos };
      return state.webhook.chaos;
    });
    if (!applied) throw new ApiError(404, 'Webhook record not found');
    return c.json({ message: 'Webhook chaos set.', data: applied });
  });
  return app;
}
