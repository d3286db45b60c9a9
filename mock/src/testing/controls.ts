import { request as httpRequest } from 'node:http';
import type { ReviewOutcome } from '../core/review.js';
import type { components } from '../generated/openapi.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

/** A customer as the API returns it (`components['schemas']['Customer']` of openapi.yaml). */
export type MockCustomer = components['schemas']['Customer'];

/** Extra parts of a forced verdict: a comment, and outcomes for named owners and KYB documents. */
export interface ReviewDetails {
  comment?: string;
  owners?: Record<string, 'APPROVED' | 'REJECTED'>;
  documents?: Record<string, 'APPROVED' | 'REJECTED'>;
}

/** The mock-only controls of a running instance (README "Mock controls"), callable from any process. */
export interface MockControls {
  /** Back to the seed: customers, uploads and the virtual clock (`POST /__mock/reset`). */
  reset(): Promise<void>;
  /** Moves the virtual clock forward: token and URL expiry, review completion (`POST /__mock/clock/advance`). */
  advanceClock(seconds: number): Promise<void>;
  /** Ends a customer's review now with `outcome` (`POST /__mock/customers/{id}/review`); returns the customer. */
  forceReview(customerId: string, outcome: ReviewOutcome, details?: ReviewDetails): Promise<MockCustomer>;
  /**
   * Starts a webhook receiver on a free local port, registered as the platform's `collection_url`, that
   * verifies every delivery's signature; `await hooks.next({ customer_id, new_status: 'VERIFIED' })`.
   */
  webhookReceiver(options?: { duplicate?: boolean; outOfOrder?: boolean }): Promise<WebhookReceiver>;
}

function post(url: URL, body: string, adminToken?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...(adminToken === undefined ? {} : { authorization: `Bearer ${adminToken}` }),
    };
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('error', reject);
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

// Plain `node:http`, not `fetch`: a suite that stubs fetch or swaps undici's global dispatcher keeps its controls.
async function control(
  baseUrl: string,
  path: string,
  body: unknown = {},
  adminToken?: string,
): Promise<unknown> {
  const { status, text } = await post(new URL(path, baseUrl), JSON.stringify(body), adminToken);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (status < 200 || status >= 300) {
    const message = (json as { message?: unknown } | undefined)?.message;
    throw new Error(
      `blaaiz-mock ${path} answered ${status}: ${typeof message === 'string' ? message : text}`,
    );
  }
  return json;
}

/**
 * The controls of the instance at `baseUrl`, over its `/__mock/*` HTTP endpoints: what `startMock` uses
 * itself, and what test files use when the instance was started elsewhere (a `globalSetup`, the CLI).
 * Pass `adminToken` when the instance requires one (`--admin-token`, or a non-loopback host).
 */
export function mockControls(baseUrl: string, adminToken?: string): MockControls {
  return {
    async reset() {
      await control(baseUrl, '/__mock/reset', {}, adminToken);
    },
    async advanceClock(seconds) {
      await control(baseUrl, '/__mock/clock/advance', { seconds }, adminToken);
    },
    async forceReview(customerId, outcome, details = {}) {
      const path = `/__mock/customers/${encodeURIComponent(customerId)}/review`;
      const answer = (await control(baseUrl, path, { ...details, outcome }, adminToken)) as {
        data: MockCustomer;
      };
      return answer.data;
    },
    webhookReceiver(options = {}) {
      const chaos = { duplicate: options.duplicate ?? false, out_of_order: options.outOfOrder ?? false };
      return startWebhookReceiver(async (url) => {
        const answer = (await control(
          baseUrl,
          '/__mock/webhooks/register',
          { collection_url: url, chaos },
          adminToken,
        )) as {
          data: { signing_secret: string };
        };
        return answer.data.signing_secret;
      });
    },
  };
}
