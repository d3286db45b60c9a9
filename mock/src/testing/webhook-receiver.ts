import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components } from '../generated/openapi.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from '../signing/webhook-signature.js';

/** A `customer.status_changed` payload as delivered (`webhooks:` entry of openapi.yaml). */
export type StatusChangedEvent = components['schemas']['CustomerStatusChangedEvent'];

/** One request the receiver got: what came over the wire, and whether its signature verified. */
export interface ReceivedDelivery {
  headers: Record<string, string>;
  rawBody: string;
  body: unknown;
  verified: boolean;
  /** Status the receiver answered. */
  answered: number;
}

/** A local webhook receiver registered with the mock (`mock.webhookReceiver()`). */
export interface WebhookReceiver {
  /** Where it listens (registered as the platform's `collection_url`). */
  url: string;
  signingSecret: string;
  /** Every request received, in arrival order. */
  deliveries: ReceivedDelivery[];
  /** Deliveries whose signature did not verify, described; `next()` rejects while any is unreported. */
  failures: string[];
  /** The next verified event matching `match` not returned before; rejects after `timeoutMs` (default 10 s). */
  next(match?: Partial<StatusChangedEvent>, options?: { timeoutMs?: number }): Promise<StatusChangedEvent>;
  /** How to answer deliveries from now on: a status, or a function of the delivery (default 200). */
  respondWith(answer: number | ((delivery: ReceivedDelivery) => number)): void;
  /** Registers the receiver again (after `reset()`, which forgets registrations the seed does not hold). */
  register(): Promise<void>;
  close(): Promise<void>;
}

/** Registers `url` with the mock and returns the signing secret (`POST /__mock/webhooks/register`). */
export type RegisterReceiver = (url: string) => Promise<string>;

function readAll(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

function matches(body: unknown, match: Partial<StatusChangedEvent>): boolean {
  if (typeof body !== 'object' || body === null) return false;
  return Object.entries(match).every(([key, value]) => (body as Record<string, unknown>)[key] === value);
}

/** Starts a receiver on a free port of 127.0.0.1 and registers it through `register`. */
export async function startWebhookReceiver(register: RegisterReceiver): Promise<WebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  const failures: string[] = [];
  const returned = new Set<number>();
  let reported = 0;
  let answer: number | ((delivery: ReceivedDelivery) => number) = 200;
  const waiters = new Set<() => void>();
  let secret = '';

  const server = createServer(async (request, response) => {
    const rawBody = await readAll(request);
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
    );
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
    const verified = verifyWebhookSignature(
      secret,
      headers[TIMESTAMP_HEADER],
      rawBody,
      headers[SIGNATURE_HEADER],
    );
    const delivery: ReceivedDelivery = { headers, rawBody, body, verified, answered: 200 };
    delivery.answered = typeof answer === 'number' ? answer : answer(delivery);
    if (!verified)
      failures.push(
        `${SIGNATURE_HEADER} did not verify for ${request.method} ${request.url}: ${rawBody.slice(0, 200)}`,
      );
    deliveries.push(delivery);
    response.writeHead(delivery.answered, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ received: true }));
    for (const wake of waiters) wake();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/blaaiz`;
  secret = await register(url);

  function take(match: Partial<StatusChangedEvent>): StatusChangedEvent | undefined {
    if (failures.length > reported) {
      reported = failures.length;
      throw new Error(`webhook receiver: ${failures.at(-1)}`);
    }
    const index = deliveries.findIndex((d, i) => !returned.has(i) && d.verified && matches(d.body, match));
    if (index < 0) return undefined;
    returned.add(index);
    return deliveries[index]?.body as StatusChangedEvent;
  }

  const receiver: WebhookReceiver = {
    url,
    get signingSecret() {
      return secret;
    },
    deliveries,
    failures,
    next(match = {}, options = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          try {
            const found = take(match);
            if (!found) return;
            done();
            resolve(found);
          } catch (error) {
            done();
            reject(error);
          }
        };
        const timer = setTimeout(() => {
          done();
          const seen = deliveries.map((d) => JSON.stringify(d.body)).join('\n  ');
          reject(
            new Error(`webhook receiver: no event matching ${JSON.stringify(match)}; received:\n  ${seen}`),
          );
        }, options.timeoutMs ?? 10_000);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    respondWith(next) {
      answer = next;
    },
    async register() {
      secret = await register(url);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return receiver;
}
