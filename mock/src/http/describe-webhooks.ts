import type { MockState } from '../store/state.js';
import type { WebhookEvent } from '../store/webhook-state.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** One event of the delivery log as `GET /__mock/webhooks` shows it: payload, state and every attempt. */
export function describeWebhookEvent(event: WebhookEvent) {
  return {
    event_id: event.event_id,
    event_type: event.payload.event_type,
    customer_id: event.customer_id,
    old_status: event.payload.old_status,
    new_status: event.payload.new_status,
    created_at: iso(event.created_at),
    state: event.state,
    next_attempt_at: iso(event.next_attempt_at),
    payload: event.payload,
    deliveries: event.attempts.map((attempt) => ({
      attempt: attempt.attempt,
      at: iso(attempt.at),
      url: attempt.url,
      status: attempt.status,
      error: attempt.error,
      latency_ms: attempt.latency_ms,
      replay: attempt.replay,
      copies: attempt.copies,
    })),
  };
}

/** The delivery log, newest event first, at most `limit` events; the registration without its secret. */
export function describeWebhooks(state: MockState, limit: number) {
  const webhook = state.webhook;
  return {
    webhook: webhook && {
      id: webhook.id,
      collection_url: webhook.collection_url,
      payout_url: webhook.payout_url,
      kyc_url: webhook.kyc_url,
      chaos: webhook.chaos,
    },
    total: state.webhookEvents.length,
    data: state.webhookEvents.slice(-limit).reverse().map(describeWebhookEvent),
  };
}
