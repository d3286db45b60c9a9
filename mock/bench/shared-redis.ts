import { join } from 'node:path';
import { startRedis } from '../test/redis/redis-server.js';
import { CLI, type ServerChild, spawnServer } from './children.js';
import { type Figure, measured, percentile, ratioFigure } from './figures.js';
import { type Agents, call, createAgents, fetchToken, postJson } from './http-client.js';

/** 64 KiB that pass the attach content check: a PNG signature, then padding. */
const FILE = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(65_528, 7),
]);

/** One CLI over http (both sides alike): on the Redis `store` when given, otherwise in memory. */
function instance(stateDir: string, store?: string): Promise<ServerChild> {
  const args = [CLI, '--port', '0', '--storage-port', '0', '--storage-scheme', 'http', '--quiet'];
  args.push('--state-dir', stateDir, ...(store ? ['--store', store] : ['--ephemeral']));
  return spawnServer(args, (line) =>
    line.startsWith('{') ? (JSON.parse(line) as { baseUrl?: string }).baseUrl : undefined,
  );
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/** presign → PUT → attach, each step on an instance picked at random (as behind a load balancer). */
async function oneFlow(bases: string[], token: string, customerId: string, agents: Agents): Promise<void> {
  const presign = await postJson(
    `${pick(bases)}/api/external/file/get-presigned-url`,
    token,
    { customer_id: customerId, file_category: 'proof_of_address' },
    agents,
  );
  if (presign.status !== 200) throw new Error(`presign ${presign.status}`);
  const put = await call(
    String(presign.json.url),
    { method: 'PUT', headers: { 'content-type': 'image/png' }, body: FILE },
    agents,
  );
  if (put.status !== 200) throw new Error(`PUT ${put.status}`);
  const attach = await postJson(
    `${pick(bases)}/api/external/customer/${customerId}/files`,
    token,
    { proof_of_address_file: presign.json.file_id },
    agents,
  );
  if (attach.status !== 200) throw new Error(`attach ${attach.status}`);
}

async function flowsPerSecond(
  bases: string[],
  timing: { workers: number; warmSeconds: number; seconds: number },
): Promise<{ rate: number; p50: number; failures: number }> {
  const agents = createAgents(undefined, timing.workers * 2);
  try {
    const token = await fetchToken(bases[0] as string, agents);
    const customers = await Promise.all(
      Array.from({ length: timing.workers }, async (_, n) => {
        const created = await postJson(
          `${bases[n % bases.length]}/api/external/customer`,
          token,
          {
            type: 'individual',
            first_name: 'Shared',
            last_name: `Worker${n}`,
            email: `shared-${n}-${Date.now()}@example.com`,
            country: 'NG',
            id_type: 'passport',
            id_number: `S${n}`,
          },
          agents,
        );
        if (created.status !== 201) throw new Error(`create customer: ${created.status}`);
        return (created.json.data as { id: string }).id;
      }),
    );
    const measureFrom = performance.now() + timing.warmSeconds * 1000;
    const stopAt = measureFrom + timing.seconds * 1000;
    const durations: number[] = [];
    let failures = 0;
    await Promise.all(
      customers.map(async (customerId) => {
        while (performance.now() < stopAt) {
          const began = performance.now();
          await oneFlow(bases, token, customerId, agents).catch(() => failures++);
          if (began >= measureFrom) durations.push(performance.now() - began);
        }
      }),
    );
    return { rate: durations.length / timing.seconds, p50: percentile(durations, 50), failures };
  } finally {
    agents.http.destroy();
    agents.https.destroy();
  }
}

/**
 * The whole flow on two instances sharing one `redis-server` (requests spread at random) against one
 * in-memory instance, same workers and timing; the ratio of their throughputs has the goal ≥ 0.5.
 */
export async function benchSharedRedis(
  stateDir: string,
  timing: { workers: number; warmSeconds: number; seconds: number },
): Promise<Figure[]> {
  const memory = await instance(join(stateDir, 'memory'));
  const alone = await flowsPerSecond([memory.baseUrl], timing).finally(() => memory.stop());
  const redis = await startRedis();
  const pair: ServerChild[] = [];
  try {
    const store = `${redis.url}?prefix=bench`;
    pair.push(await instance(join(stateDir, 'shared-a'), store));
    pair.push(await instance(join(stateDir, 'shared-b'), store));
    const shared = await flowsPerSecond(
      pair.map((child) => child.baseUrl),
      timing,
    );
    return [
      measured('shared flow: one in-memory instance, throughput', alone.rate, 'flows/s'),
      measured('shared flow: two instances on one Redis, throughput', shared.rate, 'flows/s'),
      measured('shared flow: two instances on one Redis, p50 latency', shared.p50, 'ms'),
      measured('shared flow: failed flows', alone.failures + shared.failures, 'flows'),
      ratioFigure('shared flow: two on Redis / one in memory', shared.rate / alone.rate, { min: 0.5 }),
    ];
  } finally {
    await Promise.all(pair.map((child) => child.stop()));
    await redis.dispose();
  }
}
