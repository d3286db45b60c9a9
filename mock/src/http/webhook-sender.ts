import type { AttemptOutcome, ClaimedAttempt } from '../core/webhook-delivery.js';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../signing/webhook-signature.js';

/** The fetch a dispatcher sends through (injected, so tests can watch or break it). */
export type WebhookFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Node's own fetch, taken when this module loads: a test suite that later stubs the global `fetch` for
 * its own client keeps the mock's deliveries real.
 */
export const nativeFetch: WebhookFetch = globalThis.fetch.bind(globalThis);

/** Longest wait for a receiver's answer, per attempt (api-contract §5). */
export const ATTEMPT_TIMEOUT_MS = 10_000;

function describeFailure(error: unknown, timeoutMs: number | undefined): string {
  if (timeoutMs !== undefined) return `timeout: no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (typeof cause?.code === 'string') return `${cause.code}: ${String(cause.message ?? '')}`.trim();
  return (error as Error).message || String(error);
}

/** Sends one copy of an attempt: signed with the real time, answered or failed within the timeout. */
async function sendCopy(
  fetcher: WebhookFetch,
  claimed: ClaimedAttempt,
  unixSeconds: number,
  stop: AbortSignal,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const timestamp = String(unixSeconds);
  const timeout = AbortSignal.timeout(timeoutMs);
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const response = await fetcher(claimed.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'blaaiz-mock-webhooks',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(claimed.secret, timestamp, claimed.body),
      },
      body: claimed.body,
      signal: AbortSignal.any([timeout, stop]),
      redirect: 'manual',
    });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status, error: null, latencyMs: latency() };
  } catch (error) {
    return {
      status: null,
      error: describeFailure(error, timeout.aborted ? timeoutMs : undefined),
      latencyMs: latency(),
    };
  }
}

/** Sends an attempt (twice with the `duplicate` chaos); the outcome is the last copy's. */
export async function sendAttempt(
  fetcher: WebhookFetch,
  claimed: ClaimedAttempt,
  unixSeconds: number,
  stop: AbortSignal,
  timeoutMs = ATTEMPT_TIMEOUT_MS,
): Promise<AttemptOutcome> {
  let outcome = await sendCopy(fetcher, claimed, unixSeconds, stop, timeoutMs);
  for (let copy = 1; copy < claimed.copies; copy++)
    outcome = await sendCopy(fetcher, claimed, unixSeconds, stop, timeoutMs);
  return outcome;
}
