import { readFile } from 'node:fs/promises';
import { startBareHono, startMockCli } from './children.js';
import { type Figure, measured, median, ratioFigure } from './figures.js';
import { createCustomer, FILE, type FlowContext, oneFlow } from './flow.js';
import { call, createAgents, fetchToken } from './http-client.js';
import { processCpuMicros } from './proc-cpu.js';

/** Runs `count` flows on `workers` loops; resolves with failures. */
async function runFlows(
  workers: number,
  count: number,
  flow: (worker: number, n: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (next < count) {
        const n = next++;
        await flow(worker, n).catch(() => failures++);
      }
    }),
  );
  return failures;
}

/** The same three requests against a bare Hono server (plain http: it has no TLS). */
async function bareFlow(baseUrl: string, agents: ReturnType<typeof createAgents>): Promise<void> {
  const json = { 'content-type': 'application/json' };
  const presign = await call(`${baseUrl}/presign`, { method: 'POST', headers: json, body: '{}' }, agents);
  const put = await call(
    `${baseUrl}/object`,
    { method: 'PUT', headers: { 'content-type': 'image/png' }, body: FILE },
    agents,
  );
  const attach = await call(`${baseUrl}/attach`, { method: 'POST', headers: json, body: '{}' }, agents);
  if (presign.status + put.status + attach.status !== 600) throw new Error('bare flow failed');
}

/**
 * CPU per whole flow (presign → PUT 64 KiB over https → attach) of the built CLI, from its own /proc
 * counters over a fixed number of flows, against a bare Hono server answering the same three requests
 * (over http) with a constant body; rounds alternate which goes first.
 */
export async function benchFlowCpu(
  stateDir: string,
  options: { workers: number; flows: number; rounds: number },
): Promise<Figure[]> {
  const server = await startMockCli(stateDir);
  const bare = await startBareHono('{"message":"ok"}');
  const { caCertPath } = JSON.parse(server.readyLine) as { caCertPath: string };
  const agents = createAgents(await readFile(caCertPath, 'utf8'), options.workers * 2);
  const ours: number[] = [];
  const theirs: number[] = [];
  const rates: number[] = [];
  try {
    const ctx: FlowContext = {
      baseUrl: server.baseUrl,
      token: await fetchToken(server.baseUrl, agents),
      agents,
    };
    const customers = await Promise.all(
      Array.from({ length: options.workers }, (_, n) => createCustomer(ctx, 1_000 + n)),
    );
    const mockRound = async (flows: number) => {
      const cpu = await processCpuMicros(server.pid);
      const began = performance.now();
      const failed = await runFlows(options.workers, flows, (w, n) => oneFlow(ctx, customers[w] ?? '', n));
      if (failed > 0) throw new Error(`${failed} flows failed`);
      rates.push(flows / ((performance.now() - began) / 1000));
      return ((await processCpuMicros(server.pid)) - cpu) / flows;
    };
    const bareRound = async (flows: number) => {
      const cpu = await processCpuMicros(bare.pid);
      await runFlows(options.workers, flows, () => bareFlow(bare.baseUrl, agents));
      return ((await processCpuMicros(bare.pid)) - cpu) / flows;
    };
    await mockRound(Math.round(options.flows / 4));
    await bareRound(Math.round(options.flows / 4));
    rates.length = 0;
    for (let round = 0; round < options.rounds; round++) {
      if (round % 2 === 0) {
        ours.push(await mockRound(options.flows));
        theirs.push(await bareRound(options.flows));
      } else {
        theirs.push(await bareRound(options.flows));
        ours.push(await mockRound(options.flows));
      }
    }
  } finally {
    agents.http.destroy();
    agents.https.destroy();
    await Promise.all([server.stop(), bare.stop()]);
  }
  return [
    measured('whole flow CPU per flow: mock', median(ours), 'µs'),
    measured('whole flow CPU per flow: bare Hono (http)', median(theirs), 'µs'),
    ratioFigure(
      'whole flow CPU per flow: mock / bare Hono',
      median(ours.map((v, i) => v / (theirs[i] ?? Number.NaN))),
    ),
    measured('whole flow CPU: flows/s while measured', median(rates), 'flows/s'),
  ];
}
