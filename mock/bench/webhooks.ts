import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockCli } from './children.js';
import { type Figure, measured, percentile } from './figures.js';
import { createCustomer, type FlowContext } from './flow.js';
import { call, createAgents, fetchToken } from './http-client.js';

/** A local receiver answering 200 to every delivery and noting when each event (by event_id) first arrived. */
async function startReceiver() {
  const arrived = new Map<string, { at: number; customer: string }>();
  let deliveries = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      deliveries++;
      try {
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          event_id: string;
          customer_id: string;
        };
        if (!arrived.has(event.event_id)) arrived.set(event.event_id, { at, customer: event.customer_id });
      } catch {}
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  server.keepAliveTimeout = 5_000;
  await once(server.listen(0, '127.0.0.1'), 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    arrived,
    deliveries: () => deliveries,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * Webhook delivery to a local receiver: the built CLI with the receiver registered, `count` customers
 * whose review is forced (`POST /__mock/customers/{id}/review`, 16 at a time), each status change a
 * signed `customer.status_changed` delivery. Deliveries per second from the first forced review to the
 * last event received; latency from the moment a review was asked (its event is due once that
 * transaction commits, so this slightly overstates it) to the first arrival of its event.
 */
export async function benchWebhooks(stateDir: string, count: number): Promise<Figure[]> {
  const server = await startMockCli(stateDir);
  const receiver = await startReceiver();
  const agents = createAgents(undefined, 32);
  try {
    const ctx: FlowContext = {
      baseUrl: server.baseUrl,
      token: await fetchToken(server.baseUrl, agents),
      agents,
    };
    const json = { 'content-type': 'application/json' };
    const registered = await call(
      `${server.baseUrl}/__mock/webhooks/register`,
      { method: 'POST', headers: json, body: JSON.stringify({ collection_url: receiver.url }) },
      agents,
    );
    if (registered.status !== 200) throw new Error(`register: ${registered.status} ${registered.text}`);
    const customers: string[] = [];
    for (let start = 0; start < count; start += 16) {
      const batch = Array.from({ length: Math.min(16, count - start) }, (_, i) =>
        createCustomer(ctx, start + i),
      );
      customers.push(...(await Promise.all(batch)));
    }
    const asked = new Map<string, number>();
    const began = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < customers.length) {
          const id = customers[next++] ?? '';
          asked.set(id, performance.now());
          const review = await call(
            `${server.baseUrl}/__mock/customers/${id}/review`,
            { method: 'POST', headers: json, body: '{"outcome":"VERIFIED"}' },
            agents,
          );
          if (review.status !== 200) throw new Error(`review: ${review.status} ${review.text}`);
        }
      }),
    );
    const forcedSeconds = (performance.now() - began) / 1000;
    const deadline = performance.now() + 30_000;
    const expected = () => new Set([...receiver.arrived.values()].map((e) => e.customer)).size;
    while (expected() < customers.length && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    const events = [...receiver.arrived.values()];
    const last = Math.max(...events.map((e) => e.at));
    const latencies = events.map((e) => e.at - (asked.get(e.customer) ?? Number.NaN));
    const missing = customers.length - expected();
    if (missing > 0) console.warn(`  ! ${missing} customers' events never arrived`);
    return [
      measured('webhook deliveries: throughput', events.length / ((last - began) / 1000), 'deliveries/s'),
      measured('webhook deliveries: p50 from due to received', percentile(latencies, 50), 'ms'),
      measured('webhook deliveries: p99 from due to received', percentile(latencies, 99), 'ms'),
      measured('webhook deliveries: events received', events.length, 'events'),
      measured('webhook deliveries: forced reviews per second', customers.length / forcedSeconds, 'req/s'),
      measured('webhook deliveries: customers without an event', missing, 'customers'),
    ];
  } finally {
    agents.http.destroy();
    await server.stop();
    await receiver.close();
  }
}
