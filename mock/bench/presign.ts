import { DEMO_IDS } from '../src/demo-data.js';
import { type ServerChild, startBareHono, startMockCli, startPrism } from './children.js';
import { type Figure, measured, median, ratioFigure } from './figures.js';
import { createAgents, fetchToken, postJson } from './http-client.js';
import { type LoadResult, type LoadSpec, runLoad } from './load.js';

const PATH = '/api/external/file/get-presigned-url';
const BODY = JSON.stringify({ customer_id: DEMO_IDS.individual, file_category: 'proof_of_address' });

/** How the servers are loaded: a warm-up each, then `rounds` runs of `seconds` each, interleaved. */
export interface PresignTiming {
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

async function startOurs(stateDir: string) {
  const server = await startMockCli(stateDir);
  const agents = createAgents();
  try {
    const token = await fetchToken(server.baseUrl, agents);
    const probe = await postJson(`${server.baseUrl}${PATH}`, token, JSON.parse(BODY), agents);
    if (probe.status !== 200) throw new Error(`presign probe: ${probe.status} ${probe.text}`);
    return { server, token, sampleAnswer: probe.text };
  } finally {
    agents.http.destroy();
  }
}

function loadOf(server: ServerChild, token: string, timing: PresignTiming): LoadSpec {
  return {
    url: `${server.baseUrl}${PATH}`,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: BODY,
    connections: timing.connections,
    seconds: timing.seconds,
  };
}

function figuresOf(contender: Contender): Figure[] {
  const pick = (key: keyof LoadResult) => median(contender.results.map((r) => r[key]));
  const bad = contender.results.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
  if (bad > 0) console.warn(`  ! ${contender.label}: ${bad} non-2xx answers or errors`);
  return [
    measured(`presign ${contender.label}: throughput`, pick('requestsPerSecond'), 'req/s'),
    measured(`presign ${contender.label}: p50 latency`, pick('p50Ms'), 'ms'),
    measured(`presign ${contender.label}: p99 latency`, pick('p99Ms'), 'ms'),
  ];
}

/** Median over rounds of the throughput ratio of two contenders measured back to back. */
function roundRatio(a: Contender, b: Contender): number {
  return median(
    a.results.map((r, i) => r.requestsPerSecond / (b.results[i]?.requestsPerSecond ?? Number.NaN)),
  );
}

/**
 * Presign throughput and latency at 32 connections: our built CLI (real token, full validation), Prism
 * mocking the same openapi.yaml, and a bare Hono handler (the ceiling) answering a constant body of the
 * same size as a real presign answer. All three run at once; each round loads them one after another,
 * so a noisy neighbour hits all three alike, and the ratios are medians of per-round ratios.
 */
export async function benchPresign(stateDir: string, timing: PresignTiming): Promise<Figure[]> {
  const contenders: Contender[] = [];
  try {
    const ours = await startOurs(stateDir);
    contenders.push({
      label: 'blaaiz-mock',
      server: ours.server,
      load: loadOf(ours.server, ours.token, timing),
      results: [],
    });
    const prism = await startPrism();
    contenders.push({
      label: 'Prism',
      server: prism,
      load: loadOf(prism, 'prism-checks-presence', timing),
      results: [],
    });
    const bare = await startBareHono(ours.sampleAnswer);
    contenders.push({ label: 'bare Hono', server: bare, load: loadOf(bare, 'unused', timing), results: [] });
    for (const c of contenders) await runLoad({ ...c.load, seconds: timing.warmSeconds });
    for (let round = 0; round < timing.rounds; round++) {
      for (const c of contenders) c.results.push(await runLoad(c.load));
    }
  } finally {
    await Promise.all(contenders.map((c) => c.server.stop()));
  }
  const [ours, prism, bare] = contenders as [Contender, Contender, Contender];
  return [
    ...contenders.flatMap(figuresOf),
    ratioFigure('presign throughput: mock / Prism', roundRatio(ours, prism), { min: 10 }),
    // Earlier names of the same ratios, kept so older runs compare; the bare Hono one mixes in the load
    // generator on the same cores (see "presign CPU per request: mock / bare Hono" instead).
    ratioFigure('presign throughput: blaaiz-mock / Prism', roundRatio(ours, prism)),
    ratioFigure('presign throughput: blaaiz-mock / bare Hono', roundRatio(ours, bare)),
  ];
}
