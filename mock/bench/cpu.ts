import { type ServerChild, startBareHono, startMockCli, startPrism } from './children.js';
import { PRESIGN, SCENARIOS, type Scenario } from './cpu-scenarios.js';
import { type Figure, measured, median, ratioFigure } from './figures.js';
import { call, createAgents, fetchToken } from './http-client.js';
import { runLoad } from './load.js';
import { processCpuMicros } from './proc-cpu.js';

/** How much each server is loaded: requests per round, rounds, connections. */
export interface CpuTiming {
  requests: number;
  /** Prism is about 20× slower: it gets fewer requests per round. */
  prismRequests: number;
  rounds: number;
  connections: number;
}

/** What one fixed-size load cost the server: its own CPU per request, and what the client saw. */
interface Sample {
  cpuMicros: number;
  requestsPerSecond: number;
  p99Ms: number;
}

interface Contender {
  label: string;
  server: ServerChild;
  token: string;
  samples: Sample[];
}

/** Sends `amount` requests of a scenario and charges the server's CPU time (from /proc) to them. */
async function sample(c: Contender, scenario: Scenario, amount: number, connections: number) {
  const spec = { ...scenario.load(c.server.baseUrl, c.token, connections), amount };
  const before = await processCpuMicros(c.server.pid);
  const result = await runLoad(spec);
  const used = (await processCpuMicros(c.server.pid)) - before;
  if (result.non2xx + result.errors > 0)
    throw new Error(`${c.label} ${scenario.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { cpuMicros: used / amount, requestsPerSecond: result.requestsPerSecond, p99Ms: result.p99Ms };
}

async function sampleAnswer(baseUrl: string, token: string, scenario: Scenario): Promise<string> {
  const agents = createAgents();
  try {
    const spec = scenario.load(baseUrl, token, 1);
    const body = spec.body;
    const reply = await call(
      spec.url,
      { method: spec.method, headers: spec.headers, ...(body === undefined ? {} : { body }) },
      agents,
    );
    if (reply.status !== 200) throw new Error(`${scenario.name} probe: ${reply.status} ${reply.text}`);
    return reply.text;
  } finally {
    agents.http.destroy();
  }
}

function ratioOfRounds(a: Contender, b: Contender): number {
  return median(a.samples.map((s, i) => s.cpuMicros / (b.samples[i]?.cpuMicros ?? Number.NaN)));
}

/**
 * One scenario on the mock and on a bare Hono server answering the mock's own answer as a constant:
 * a warm-up each, then `rounds` fixed-size loads alternating which goes first; µs per request from the
 * server's own CPU counters, medians, and the median of per-round ratios.
 */
async function measureScenario(
  mock: Contender,
  scenario: Scenario,
  timing: CpuTiming,
): Promise<{ figures: Figure[]; mock: Contender; bare: Contender }> {
  const body = await sampleAnswer(mock.server.baseUrl, mock.token, scenario);
  const bareServer = await startBareHono(body);
  const bare: Contender = { label: 'bare Hono', server: bareServer, token: 'unused', samples: [] };
  const ours: Contender = { ...mock, samples: [] };
  try {
    const warm = Math.max(1_000, Math.round(timing.requests / 4));
    for (const c of [ours, bare]) await sample(c, scenario, warm, timing.connections);
    for (let round = 0; round < timing.rounds; round++) {
      const order = round % 2 === 0 ? [ours, bare] : [bare, ours];
      for (const c of order) c.samples.push(await sample(c, scenario, timing.requests, timing.connections));
    }
  } finally {
    await bareServer.stop();
  }
  const cpu = (c: Contender) => median(c.samples.map((s) => s.cpuMicros));
  const figures = [
    measured(`${scenario.name} CPU per request: mock`, cpu(ours), 'µs'),
    measured(`${scenario.name} CPU per request: bare Hono`, cpu(bare), 'µs'),
    ratioFigure(
      `${scenario.name} CPU per request: mock / bare Hono`,
      ratioOfRounds(ours, bare),
      scenario === PRESIGN ? { max: 2 } : {},
    ),
  ];
  return { figures, mock: ours, bare };
}

/** Prism's own CPU per presign, and the presign throughput ratio mock / Prism over the same rounds. */
async function measurePrism(mock: Contender, timing: CpuTiming): Promise<Figure[]> {
  const prism: Contender = {
    label: 'Prism',
    server: await startPrism(),
    token: 'prism-checks-presence',
    samples: [],
  };
  const ours: Contender = { ...mock, samples: [] };
  try {
    await sample(prism, PRESIGN, Math.round(timing.prismRequests / 2), timing.connections);
    for (let round = 0; round < timing.rounds; round++) {
      prism.samples.push(await sample(prism, PRESIGN, timing.prismRequests, timing.connections));
      ours.samples.push(await sample(ours, PRESIGN, timing.requests, timing.connections));
    }
  } finally {
    await prism.server.stop();
  }
  return [
    measured('presign CPU per request: Prism', median(prism.samples.map((s) => s.cpuMicros)), 'µs'),
    ratioFigure('presign CPU per request: Prism / mock', ratioOfRounds(prism, ours)),
  ];
}

/**
 * CPU per request of presign, token issuance and GET customer on the built CLI, each against a bare
 * Hono server answering the same bytes, and Prism's CPU per presign: every server in its own process,
 * charged from its own /proc counters, so a load generator or a neighbour on the same cores does not count.
 */
export async function benchCpu(stateDir: string, timing: CpuTiming): Promise<Figure[]> {
  const server = await startMockCli(stateDir);
  const figures: Figure[] = [];
  try {
    const agents = createAgents();
    const token = await fetchToken(server.baseUrl, agents).finally(() => agents.http.destroy());
    const mock: Contender = { label: 'mock', server, token, samples: [] };
    for (const scenario of SCENARIOS) {
      const measuredScenario = await measureScenario(mock, scenario, timing);
      figures.push(...measuredScenario.figures);
      const p99 = median(measuredScenario.mock.samples.map((s) => s.p99Ms));
      figures.push(
        measured(`${scenario.name} p99 latency: mock (${timing.connections} connections)`, p99, 'ms'),
      );
    }
    figures.push(...(await measurePrism(mock, timing)));
  } finally {
    await server.stop();
  }
  return figures;
}
