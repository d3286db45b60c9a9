import { describe, expect, it } from 'vitest';
import { createState, type MockState } from '../store/state.js';
import { type Claimant, claimDueAttempts, recordAttempt, requestReplay } from './webhook-delivery.js';
import {
  MAX_ATTEMPTS,
  RETRY_DELAYS_SECONDS,
  WEBHOOK_LOG_MAX,
  WEBHOOK_LOG_RETENTION_MS,
} from './webhook-events.js';

const T0 = Date.UTC(2026, 0, 1);
let ids = 0;
const who = (owner: string, realNow = T0): Claimant => ({
  owner,
  leaseMs: 25_000,
  realNow,
  newId: () => `evt-${++ids}`,
});

function stateWithEvent(): MockState {
  const state = createState();
  state.webhook = {
    id: 'w',
    collection_url: 'http://127.0.0.1:9/hooks',
    payout_url: 'http://127.0.0.1:9/hooks',
    kyc_url: null,
    signing_secret: 'secret-secret-secret',
    chaos: { duplicate: false, out_of_order: false },
    created_at: T0,
    updated_at: T0,
  };
  state.outbox.push({ seq: 1, customer_id: 'c1', from: 'PENDING', to: 'VERIFIED', comment: null, at: T0 });
  return state;
}

const refused = { status: 500, error: null, latencyMs: 3 };

describe('webhook deliveries in the state', () => {
  it('drains the outbox into an event due at once, leased to one claimant at a time', () => {
    const state = stateWithEvent();
    const first = claimDueAttempts(state, T0, who('a'));
    expect(first.attempts).toHaveLength(1);
    expect(state.outbox).toEqual([]);
    expect(JSON.parse(first.attempts[0]?.body ?? '{}')).toMatchObject({
      customer_id: 'c1',
      new_status: 'VERIFIED',
    });
    expect(claimDueAttempts(state, T0, who('b')).attempts).toHaveLength(0);
    // A lease that ran out (its instance died mid-attempt) lets another instance claim the attempt.
    expect(claimDueAttempts(state, T0, who('b', T0 + 30_000)).attempts).toHaveLength(1);
    const claimed = first.attempts[0];
    if (claimed) recordAttempt(state, claimed, 'a', refused);
    expect(state.webhookEvents[0]?.attempts).toHaveLength(0);
  });

  it('follows the schedule after each refusal, then fails; the event_id never changes', () => {
    const state = stateWithEvent();
    let now = T0;
    const times: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const claim = claimDueAttempts(state, now, who('a'));
      expect(claim.attempts.map((a) => a.attempt)).toEqual([attempt]);
      times.push(now);
      const claimed = claim.attempts[0];
      if (claimed) recordAttempt(state, claimed, 'a', refused);
      const next = state.webhookEvents[0]?.next_attempt_at;
      if (attempt < MAX_ATTEMPTS) {
        expect(claimDueAttempts(state, (next ?? 0) - 1, who('a')).attempts).toEqual([]);
        now = next ?? 0;
      }
    }
    const gaps = times.slice(1).map((time, i) => (time - (times[i] ?? 0)) / 1000);
    expect(gaps).toEqual([...RETRY_DELAYS_SECONDS]);
    const event = state.webhookEvents[0];
    expect(event?.state).toBe('failed');
    expect(new Set(event?.attempts.map((a) => a.attempt))).toHaveProperty('size', MAX_ATTEMPTS);
    expect(claimDueAttempts(state, now + 365 * 86_400_000, who('a')).attempts).toEqual([]);
  });

  it('replays a failed event once, outside the schedule, and delivers it on a 2xx', () => {
    const state = stateWithEvent();
    claimDueAttempts(state, T0, who('a'));
    const event = state.webhookEvents[0];
    if (!event) throw new Error('no event');
    Object.assign(event, { state: 'failed', next_attempt_at: null, lease: null });
    expect(requestReplay(state, event.event_id).ok).toBe(true);
    const claim = claimDueAttempts(state, T0, who('a'));
    expect(claim.attempts[0]?.replay).toBe(true);
    const claimed = claim.attempts[0];
    if (claimed) recordAttempt(state, claimed, 'a', { status: 204, error: null, latencyMs: 1 });
    expect(event.state).toBe('delivered');
    expect(requestReplay(state, 'nope').ok).toBe(false);
  });

  it('keeps the log to 90 virtual days and WEBHOOK_LOG_MAX events', () => {
    const state = stateWithEvent();
    claimDueAttempts(state, T0, who('a'));
    state.outbox.push({
      seq: 2,
      customer_id: 'c2',
      from: 'PENDING',
      to: 'REJECTED',
      comment: 'x',
      at: T0 + WEBHOOK_LOG_RETENTION_MS + 1,
    });
    claimDueAttempts(state, T0 + WEBHOOK_LOG_RETENTION_MS + 1, who('a'));
    expect(state.webhookEvents.map((e) => e.customer_id)).toEqual(['c2']);
    const at = T0 + WEBHOOK_LOG_RETENTION_MS + 2;
    for (let seq = 3; seq < WEBHOOK_LOG_MAX + 10; seq++)
      state.outbox.push({ seq, customer_id: `c${seq}`, from: 'PENDING', to: 'VERIFIED', comment: null, at });
    claimDueAttempts(state, at, who('a'));
    expect(state.webhookEvents).toHaveLength(WEBHOOK_LOG_MAX);
  });
});
