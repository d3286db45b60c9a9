import { request as httpRequest } from 'node:http';
import type { ReviewOutcome } from '../core/review.js';
import type { components } from '../generated/openapi.js';
import type { FaultInput, FaultRule } from '../http/fault-rules.js';
import type { JournalEntry } from '../http/journal.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

/** A customer as the API returns it (`components['schemas']['Customer']` of openapi.yaml). */
export type MockCustomer = components['schemas']['Customer'];

/** Extra parts of a forced verdict: a comment, and outcomes for named owners and KYB documents. */
export interface ReviewDetails {
  comment?: string;
  owners?: Record<string, 'APPROVED' | 'REJECTED'>;
  documents?: Record<string, 'APPROVED' | 'REJECTED'>;
}

/** Which journal entries `requests()` returns; all fields optional, combined with AND. */
export interface RequestFilter {
  operationId?: string;
  /** HTTP status; 0 for requests a fault left without an answer. */
  status?: number;
  customer_id?: string;
  client_id?: string;
  /** Only requests that arrived at or after this virtual instant. */
  since?: Date | string | number;
  /** Only the last `limit` matches. */
  limit?: number;
}

/** The fault controls of an instance (README "Faults"). */
export interface MockFaults {
  /** Adds a rule (`POST /__mock/faults`); returns it with its `id`. */
  add(rule: FaultInput): Promise<FaultRule>;
  /** Every rule, with how often it fired and whether it can still fire. */
  list(): Promise<(FaultRule & { active: boolean })[]>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
}

/** The mock-only controls of a running instance (README "Mock controls"), callable from any process. */
export interface MockControls {
  /** What clients sent and got, oldest first, secrets redacted (`GET /__mock/requests`). */
  requests(filter?: RequestFilter): Promise<JournalEntry[]>;
  /** Empties the request journal (`DELETE /__mock/requests`). */
  clearRequests(): Promise<void>;
  faults: MockFaults;
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

function send(
  method: string,
  url: URL,
  body: string,
  adminToken?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...(adminToken === undefined ? {} : { authorization: `Bearer ${adminToken}` }),
    };
    const request = httpRequest(url, { method, headers }, (response) => {
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
  method = 'POST',
): Promise<unknown> {
  const { status, text } = await send(
    method,
    new URL(path, baseUrl),
    method === 'POST' ? JSON.stringify(body) : '',
    adminToken,
  );
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
    async requests(filter = {}) {
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(filter)) {
        if (value === undefined) continue;
        query.set(name, value instanceof Date ? value.toISOString() : String(value));
      }
      const answer = (await control(baseUrl, `/__mock/requests?${query}`, {}, adminToken, 'GET')) as {
        data: JournalEntry[];
      };
      return answer.data;
    },
    async clearRequests() {
      await control(baseUrl, '/__mock/requests', {}, adminToken, 'DELETE');
    },
    faults: {
      add: async (rule) => (await control(baseUrl, '/__mock/faults', rule, adminToken)) as FaultRule,
      async list() {
        const answer = (await control(baseUrl, '/__mock/faults', {}, adminToken, 'GET')) as {
          data: (FaultRule & { active: boolean })[];
        };
        return answer.data;
      },
      async remove(id) {
        await control(baseUrl, `/__mock/faults/${encodeURIComponent(id)}`, {}, adminToken, 'DELETE');
      },
      async clear() {
        await control(baseUrl, '/__mock/faults', {}, adminToken, 'DELETE');
      },
    },
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
