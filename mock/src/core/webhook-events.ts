import type { MockState, StatusEvent } from '../store/state.js';
import type { StatusChangedPayload, WebhookEvent } from '../store/webhook-state.js';
import { formatTimestamp } from './clock.js';

/**
 * The retry schedule on the virtual clock (README "Webhooks"): the first attempt at once, then these
 * delays after each failed one (+30 s, +2 min, +10 min, +1 h, +6 h, +24 h); after the last the delivery fails.
 */
export const RETRY_DELAYS_SECONDS = [30, 120, 600, 3600, 6 * 3600, 24 * 3600] as const;

/** Scheduled attempts per event: the first plus one per retry delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/** Delivery logs are kept 90 days (documented), on the virtual clock. */
export const WEBHOOK_LOG_RETENTION_MS = 90 * 86_400_000;

/** Most events kept in the log; past it the oldest are dropped. */
export const WEBHOOK_LOG_MAX = 5_000;

/** With the `out_of_order` chaos a new event waits this long, so events close together swap places. */
export const OUT_OF_ORDER_HOLD_MS = 5_000;

function payloadOf(state: MockState, event: StatusEvent, eventId: string): StatusChangedPayload {
  return {
    message: 'Customer verification status updated',
    event_type: 'customer.status_changed',
    customer_id: event.customer_id,
    customer_email: state.customers.get(event.customer_id)?.view.email ?? '',
    old_status: event.from,
    new_status: event.to,
    comment: event.comment,
    updated_at: formatTimestamp(event.at),
    event_id: eventId,
    type: 'customer',
  };
}

/** Drops events older than 90 virtual days, and the oldest past `WEBHOOK_LOG_MAX`. */
export function pruneWebhookLog(state: MockState, now: number): void {
  const events = state.webhookEvents;
  let drop = 0;
  while (drop < events.length && (events[drop]?.created_at ?? now) < now - WEBHOOK_LOG_RETENTION_MS) drop++;
  drop = Math.max(drop, events.length - WEBHOOK_LOG_MAX);
  if (drop > 0) events.splice(0, drop);
}

/**
 * Turns the outbox's status transitions into events with their deliveries: due at once when a webhook
 * is registered (later with the `out_of_order` chaos), `unregistered` otherwise. Empties the outbox.
 */
export function drainOutbox(state: MockState, now: number, newId: () => string): number {
  const drained = state.outbox.length;
  const hold = state.webhook?.chaos.out_of_order ? OUT_OF_ORDER_HOLD_MS : 0;
  for (const transition of state.outbox) {
    const eventId = newId();
    state.webhookEvents.push({
      event_id: eventId,
      seq: transition.seq,
      customer_id: transition.customer_id,
      payload: payloadOf(state, transition, eventId),
      created_at: transition.at,
      state: state.webhook ? 'pending' : 'unregistered',
      attempts: [],
      next_attempt_at: state.webhook ? Math.max(transition.at, now) + hold : null,
      replay_requested: false,
      lease: null,
    });
  }
  state.outbox = [];
  pruneWebhookLog(state, now);
  return drained;
}

/** Whether an event may be claimed at `now` / `realNow`: an attempt is due and nobody holds it. */
export function isDue(event: WebhookEvent, now: number, realNow: number): boolean {
  if (event.lease && event.lease.until > realNow) return false;
  if (event.replay_requested) return true;
  return event.state === 'pending' && event.next_attempt_at !== null && event.next_attempt_at <= now;
}

/** Finds an event of the log by id. */
export function findEvent(state: MockState, eventId: string): WebhookEvent | undefined {
  return state.webhookEvents.find((event) => event.event_id === eventId);
}

/** The earliest virtual time something will need the dispatcher: an attempt, a lease running out, a review. */
export function nextDueAt(state: MockState, now: number, realNow: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const event of state.webhookEvents) {
    if (event.lease && event.lease.until > realNow) next = Math.min(next, now + event.lease.until - realNow);
    else if (event.replay_requested) next = Math.min(next, now);
    else if (event.state === 'pending' && event.next_attempt_at !== null)
      next = Math.min(next, event.next_attempt_at);
  }
  for (const id of state.reviewing) {
    const due = state.customers.get(id)?.reviewDueAt;
    if (due !== undefined) next = Math.min(next, due);
  }
  return next;
}
