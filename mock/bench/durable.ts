import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerChild, startMockCli } from './children.js';
import { type Figure, measured, median, ratioFigure } from './figures.js';
import { createAgents, fetchToken } from './http-client.js';
import { type LoadResult, type LoadSpec, runLoad } from './load.js';

const PATH = '/api/external/customer';
const BODY = JSON.stringify({
  type: 'individual',
  first_name: 'Bench',
  last_name: 'Mark',
  email: 'bench@example.com',
  country: 'GB',
  id_type: 'passport',
  id_number: 'B1',
});

/** How the two stores are loaded: a warm-up each, then `rounds` runs of `seconds`, interleaved. */
export interface DurableTiming {
  connections: number;
  warmSeconds: number;
  seconds: number;
  rounds: number;
}

interface Contender {
  label: string;
  server: ServerChild;
  load: LoadSpec;
  results: LoadResult[];
}

async function contender(label: string, server: ServerChild, timing: DurableTiming): Promise<Contender> {
  const agents = createAgents();
  try {
    const token = await fetchToken(server.baseUrl, agents);
    const load = {
      url: `${server.baseUrl}${PATH}`,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: BODY,
      connections: timing.connections,
      seconds: timing.seconds,
    };
    return { label, server, load, results: [] };
  } finally {
    agents.http.destroy();
  }
}

function figuresOf(c: Contender): Figure[] {
  const pick = (key: keyof LoadResult) => median(c.results.map((r) => r[key]));
  const bad = c.results.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
  if (bad > 0) console.warn(`  ! ${c.label}: ${bad} non-2xx answers or errors`);
  return [
    measured(`customer creates ${c.label}: throughput`, pick('requestsPerSecond'), 'req/s'),
    measured(`customer creates ${c.label}: p99 latency`, pick('p99Ms'), 'ms'),
  ];
}

/**
 * Customer creates (`POST /api/external/customer`, 201) at 32 connections on the built CLI: durable
 * (every answer after its journal record is fsync'ed) and in memory (`--ephemeral`), loaded one after
 * the other in each round; the ratio is the median of per-round ratios.
 */
export async function benchDurable(stateDir: string, timing: DurableTiming): Promise<Figure[]> {
  const durableDir = await mkdtemp(join(tmpdir(), 'blaaiz-bench-durable-'));
  const contenders: Contender[] = [];
  try {
    contenders.push(await contender('in memory', await startMockCli(stateDir), timing));
    contenders.push(
      await contender('durable', await startMockCli(durableDir, [], { durable: true }), timing),
    );
    for (const c of contenders) await runLoad({ ...c.load, seconds: timing.warmSeconds });
    for (let round = 0; round < timing.rounds; round++) {
      for (const c of contenders) c.results.push(await runLoad(c.load));
    }
  } finally {
    await Promise.all(contenders.map((c) => c.server.stop()));
    await rm(durableDir, { recursive: true, force: true });
  }
  const [memory, durable] = contenders as [Contender, Contender];
  const ratio = median(
    durable.results.map((r, i) => r.requestsPerSecond / (memory.results[i]?.requestsPerSecond ?? Number.NaN)),
  );
  return [
    ...contenders.flatMap(figuresOf),
    ratioFigure('customer create throughput: durable / in memory', ratio, { min: 0.5 }),
  ];
}
