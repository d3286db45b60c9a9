import type { MockState } from '../store/state.js';
import type { WebhookEvent } from '../store/webhook-state.js';
import { fail, ok, type Result } from './result.js';
import {
  drainOutbox,
  findEvent,
  isDue,
  MAX_ATTEMPTS,
  nextDueAt,
  RETRY_DELAYS_SECONDS,
} from './webhook-events.js';

/** One attempt to send, as claimed: where, what (the exact body to sign), and how. */
export interface ClaimedAttempt {
  eventId: string;
  attempt: number;
  url: string;
  body: string;
  secret: string;
  /** Virtual time of the attempt. */
  at: number;
  replay: boolean;
  copies: number;
}

/** What one claim hands the dispatcher: the attempts it now holds, and when to look again. */
export interface Claim {
  attempts: ClaimedAttempt[];
  /** Send one after another, newest first (the `out_of_order` chaos), instead of all at once. */
  newestFirst: boolean;
  now: number;
  nextDueAt: number;
}

/** Who claims, and for how long a claim holds (real milliseconds: longer than one attempt's timeout). */
export interface Claimant {
  owner: string;
  leaseMs: number;
  realNow: number;
  newId: () => string;
}

/**
 * Claims every due attempt in one transaction (the outbox is drained into events first): each gets a
 * lease, so no other instance sends it until the result is recorded or the lease runs out.
 */
export function claimDueAttempts(state: MockState, now: number, who: Claimant): Claim {
  drainOutbox(state, now, who.newId);
  const webhook = state.webhook;
  const attempts: ClaimedAttempt[] = [];
  for (const event of state.webhookEvents) {
    if (!webhook || !isDue(event, now, who.realNow)) continue;
    event.lease = { owner: who.owner, until: who.realNow + who.leaseMs };
    attempts.push({
      eventId: event.event_id,
      attempt: event.attempts.length + 1,
      url: webhook.collection_url,
      body: JSON.stringify(event.payload),
      secret: webhook.signing_secret,
      at: now,
      replay: event.replay_requested,
      copies: webhook.chaos.duplicate ? 2 : 1,
    });
    event.replay_requested = false;
  }
  return {
    attempts,
    newestFirst: webhook?.chaos.out_of_order ?? false,
    now,
    nextDueAt: nextDueAt(state, now, who.realNow),
  };
}

/** What the receiver did with an attempt. */
export interface AttemptOutcome {
  status: number | null;
  error: string | null;
  latencyMs: number;
}

function scheduledAttempts(event: WebhookEvent): number {
  return event.attempts.filter((attempt) => !attempt.replay).length;
}

/**
 * Records an attempt's outcome (a second transaction): a 2xx delivers the event; otherwise the next
 * attempt is scheduled, or the event fails once the schedule is spent. A lost lease records nothing.
 */
export function recordAttempt(
  state: MockState,
  claimed: ClaimedAttempt,
  owner: string,
  outcome: AttemptOutcome,
): void {
  const event = findEvent(state, claimed.eventId);
  if (!event || event.lease?.owner !== owner) return;
  event.lease = null;
  event.attempts.push({
    attempt: claimed.attempt,
    at: claimed.at,
    url: claimed.url,
    status: outcome.status,
    error: outcome.error,
    latency_ms: outcome.latencyMs,
    replay: claimed.replay,
    copies: claimed.copies,
  });
  if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) {
    event.state = 'delivered';
    event.next_attempt_at = null;
    return;
  }
  if (claimed.replay) return;
  const made = scheduledAttempts(event);
  const delay = RETRY_DELAYS_SECONDS[made - 1];
  if (made >= MAX_ATTEMPTS || delay === undefined) {
    event.state = 'failed';
    event.next_attempt_at = null;
  } else {
    event.next_attempt_at = claimed.at + delay * 1000;
  }
}

/** Asks for one more attempt of an event now, outside its schedule (`POST /__mock/webhooks/{id}/replay`). */
export function requestReplay(state: MockState, eventId: string): Result<WebhookEvent> {
  const event = findEvent(state, eventId);
  if (!event) return fail({ kind: 'not_found', message: 'Webhook event not found' });
  if (!state.webhook) return fail({ kind: 'bad_request', message: 'No webhook is registered to replay to.' });
  event.replay_requested = true;
  if (event.state === 'unregistered') event.state = 'failed';
  return ok(event);
}
