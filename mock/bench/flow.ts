import { readFile } from 'node:fs/promises';
import { startMockCli } from './children.js';
import { type Figure, measured, percentile, withTarget } from './figures.js';
import { type Agents, call, createAgents, fetchToken, postJson } from './http-client.js';

/** 64 KiB that pass the attach content check: a PNG signature, then padding. */
export const FILE = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(65_528, 7),
]);
/** Slots that do not start verification, so a customer can take uploads for ever (newer ones replace older). */
const SLOTS = [
  ['proof_of_address_file', 'proof_of_address'],
  ['liveness_check_file', 'liveness_check'],
] as const;

/** Where flows run: the API's base URL, a token with every flow scope, keep-alive agents. */
export interface FlowContext {
  baseUrl: string;
  token: string;
  agents: Agents;
}

/** Creates an individual customer for one flow loop. */
export async function createCustomer(ctx: FlowContext, n: number): Promise<string> {
  const res = await postJson(
    `${ctx.baseUrl}/api/external/customer`,
    ctx.token,
    {
      type: 'individual',
      first_name: 'Bench',
      last_name: `Worker${n}`,
      email: `bench-${n}-${Date.now()}@example.com`,
      country: 'NG',
      id_type: 'passport',
      id_number: `B${n}`,
    },
    ctx.agents,
  );
  if (res.status !== 201) throw new Error(`create customer: ${res.status} ${res.text}`);
  return (res.json.data as { id: string }).id;
}

/** presign → PUT 64 KiB over https → attach; throws on any unexpected answer. */
export async function oneFlow(ctx: FlowContext, customerId: string, slotIndex: number): Promise<void> {
  const [slot, category] = SLOTS[slotIndex % SLOTS.length] ?? SLOTS[0];
  const api = `${ctx.baseUrl}/api/external`;
  const presign = await postJson(
    `${api}/file/get-presigned-url`,
    ctx.token,
    { customer_id: customerId, file_category: category },
    ctx.agents,
  );
  if (presign.status !== 200) throw new Error(`presign ${presign.status}`);
  const put = await call(
    String(presign.json.url),
    { method: 'PUT', headers: { 'content-type': 'image/png' }, body: FILE },
    ctx.agents,
  );
  if (put.status !== 200 || !put.headers.etag) throw new Error(`PUT ${put.status}`);
  const attach = await postJson(
    `${api}/customer/${customerId}/files`,
    ctx.token,
    { [slot]: presign.json.file_id },
    ctx.agents,
  );
  if (attach.status !== 200) throw new Error(`attach ${attach.status} ${attach.text}`);
}

/**
 * The whole upload flow against the built CLI: `workers` concurrent loops, each on its own customer,
 * for a warm-up then `seconds` of measurement; flows per second and per-flow latency.
 */
export async function benchFlow(
  stateDir: string,
  options: { workers: number; warmSeconds: number; seconds: number },
): Promise<Figure[]> {
  const server = await startMockCli(stateDir);
  const { caCertPath } = JSON.parse(server.readyLine) as { caCertPath: string };
  const agents = createAgents(await readFile(caCertPath, 'utf8'), options.workers * 2);
  try {
    const ctx: FlowContext = {
      baseUrl: server.baseUrl,
      token: await fetchToken(server.baseUrl, agents),
      agents,
    };
    const customers = await Promise.all(
      Array.from({ length: options.workers }, (_, n) => createCustomer(ctx, n)),
    );
    const start = performance.now();
    const measureFrom = start + options.warmSeconds * 1000;
    const stopAt = measureFrom + options.seconds * 1000;
    const durations: number[] = [];
    let failures = 0;
    await Promise.all(
      customers.map(async (customerId) => {
        for (let n = 0; performance.now() < stopAt; n++) {
          const began = performance.now();
          await oneFlow(ctx, customerId, n).catch(() => failures++);
          if (began >= measureFrom) durations.push(performance.now() - began);
        }
      }),
    );
    if (failures > 0) console.warn(`  ! ${failures} flows failed`);
    return [
      withTarget(measured('whole flow: throughput', durations.length / options.seconds, 'flows/s'), {
        min: 2_000,
      }),
      measured('whole flow: p99 latency', percentile(durations, 99), 'ms'),
      measured('flow presign→PUT 64 KiB→attach: throughput', durations.length / options.seconds, 'flows/s'),
      measured('flow presign→PUT 64 KiB→attach: p50 latency', percentile(durations, 50), 'ms'),
      measured('flow presign→PUT 64 KiB→attach: p99 latency', percentile(durations, 99), 'ms'),
      measured('flow presign→PUT 64 KiB→attach: failed flows', failures, 'flows'),
    ];
  } finally {
    agents.http.destroy();
    agents.https.destroy();
    await server.stop();
  }
}
