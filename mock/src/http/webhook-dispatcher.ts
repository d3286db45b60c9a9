import {
  type Claim,
  type ClaimedAttempt,
  claimDueAttempts,
  recordAttempt,
} from '../core/webhook-delivery.js';
import { StateUnavailableError } from '../store/commit-batch.js';
import type { StateStore } from '../store/state-store.js';
import { ATTEMPT_TIMEOUT_MS, sendAttempt, type WebhookFetch } from './webhook-sender.js';

/** Sends the webhook deliveries the state holds: on a kick, on `drain()`, and on a timer to the next due one. */
export interface WebhookDispatcher {
  /** Something may be due (a transaction queued events): drain soon, without making anyone wait. */
  kick(): void;
  /** Sends everything due now, and resolves when it is recorded (the clock-advance control awaits it). */
  drain(): Promise<void>;
  /** Starts the timer to the next due moment, so an idle server still completes reviews and delivers. */
  start(): void;
  /** Stops the timer, abandons attempts in flight (their leases run out) and waits for the drain to end. */
  close(): Promise<void>;
}

/** What a dispatcher needs: the store, real time, ids, the fetch to send through and its instance's name. */
export interface DispatcherOptions {
  store: StateStore;
  realNow: () => number;
  newId: () => string;
  fetch: WebhookFetch;
  owner: string;
  timeoutMs?: number;
  /** Longest wait between passes even when nothing is due here (other instances share the state). */
  pollMs?: number;
  onError?: (error: unknown) => void;
}

/** Longest timer the platform allows (about 24.8 days); a later due moment is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Drain passes per call at most; what is still due afterwards waits for the timer. */
const MAX_PASSES = 50;

/** Builds an instance's dispatcher (claims in one transaction, sends, records in another). */
export function createWebhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  const { store, realNow } = options;
  const timeoutMs = options.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  const leaseMs = timeoutMs * 2 + 5_000;
  const stop = new AbortController();
  const onError = options.onError ?? ((error: unknown) => console.error('webhook dispatcher:', error));
  let chain: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let started = false;

  async function send(claimed: ClaimedAttempt): Promise<void> {
    const outcome = await sendAttempt(
      options.fetch,
      claimed,
      Math.floor(realNow() / 1000),
      stop.signal,
      timeoutMs,
    );
    if (stop.signal.aborted) return;
    await store.transact((state) => recordAttempt(state, claimed, options.owner, outcome));
  }

  async function sendClaim(claim: Claim): Promise<void> {
    if (!claim.newestFirst) {
      await Promise.all(claim.attempts.map(send));
      return;
    }
    for (const claimed of [...claim.attempts].reverse()) await send(claimed);
  }

  function schedule(claim: Claim): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const poll = options.pollMs ?? Number.POSITIVE_INFINITY;
    if (!started || stop.signal.aborted || !Number.isFinite(Math.min(claim.nextDueAt, poll))) return;
    const wait = Math.min(MAX_TIMER_MS, poll, Math.max(10, claim.nextDueAt - claim.now));
    timer = setTimeout(() => dispatcher.kick(), wait);
    timer.unref();
  }

  async function passes(): Promise<void> {
    try {
      await passesOnce();
    } catch (error) {
      // A shared store that is unreachable: look again later (the outage itself is reported once).
      if (!(error instanceof StateUnavailableError) || options.pollMs === undefined) throw error;
      schedule({ attempts: [], newestFirst: false, nextDueAt: realNow() + options.pollMs, now: realNow() });
    }
  }

  async function passesOnce(): Promise<void> {
    for (let pass = 0; pass < MAX_PASSES && !stop.signal.aborted; pass++) {
      const claim = await store.transact((state, now) =>
        claimDueAttempts(state, now, {
          owner: options.owner,
          leaseMs,
          realNow: realNow(),
          newId: options.newId,
        }),
      );
      if (claim.attempts.length === 0) return schedule(claim);
      await sendClaim(claim);
    }
  }

  const dispatcher: WebhookDispatcher = {
    kick() {
      dispatcher.drain().catch(onError);
    },
    drain() {
      if (stop.signal.aborted) return Promise.resolve();
      // One drain waiting to start serves every caller that arrives before it starts.
      if (!queued) {
        queued = chain.then(() => {
          queued = undefined;
          return passes();
        });
        chain = queued.catch(onError);
      }
      return queued;
    },
    start() {
      started = true;
      dispatcher.kick();
    },
    async close() {
      started = false;
      if (timer) clearTimeout(timer);
      stop.abort();
      await chain;
    },
  };
  return dispatcher;
}
