import type { WireResponse } from '../support/node-http.js';

/** How an SDK-style client retries: attempts in all, and the pause between them. */
export interface RetryPolicy {
  attempts: number;
  pauseMs: number;
}

/** What the loop saw: the final answer and how many attempts it took. */
export interface RetryOutcome<T> {
  response: WireResponse<T>;
  attempts: number;
}

const RETRIABLE = new Set([429, 500, 502, 503, 504]);

/**
 * The retry loop of a typical API SDK: retries 429 and 5xx answers and dropped connections, honours
 * `Retry-After` up to the pause, and gives up after `attempts` (the last answer or error then surfaces).
 */
export async function withRetries<T>(
  call: () => Promise<WireResponse<T>>,
  policy: RetryPolicy,
): Promise<RetryOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    let response: WireResponse<T> | undefined;
    try {
      response = await call();
    } catch (error) {
      if (attempt >= policy.attempts) throw error;
    }
    if (response && (!RETRIABLE.has(response.status) || attempt >= policy.attempts))
      return { response, attempts: attempt };
    const retryAfter = Number(response?.headers['retry-after']);
    const pause = Number.isFinite(retryAfter) ? Math.min(retryAfter * 1000, policy.pauseMs) : policy.pauseMs;
    await new Promise((done) => setTimeout(done, pause));
  }
}
