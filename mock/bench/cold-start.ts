import { type ServerChild, startBareHono, startMockCli, startPrism } from './children.js';
import { type Figure, measured, median, ratioFigure } from './figures.js';
import { call, createAgents } from './http-client.js';

const TOKEN_FORM = new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: 'mock-client',
  client_secret: 'mock-secret',
  scope: 'file:upload',
}).toString();

/** Spawns a server and times it up to its first successful token request (a 2xx answer). */
async function timeToFirstSuccess(start: () => Promise<ServerChild>): Promise<number> {
  const began = performance.now();
  const server = await start();
  const agents = createAgents();
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      const reply = await call(
        `${server.baseUrl}/oauth/token`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: TOKEN_FORM,
        },
        agents,
      ).catch(() => undefined);
      if (reply && reply.status >= 200 && reply.status < 300) return performance.now() - began;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`${server.baseUrl}: no successful token request`);
  } finally {
    agents.http.destroy();
    await server.stop();
  }
}

/**
 * Cold start to the first successful request, each server spawned fresh `runs` times (interleaved so
 * machine noise spreads evenly), after one unrecorded start each that warms the file cache. Our CLI
 * reuses the CA kept in `stateDir`, as every start after the first does.
 */
export async function benchColdStart(stateDir: string, runs: number): Promise<Figure[]> {
  const kinds = {
    'blaaiz-mock (built CLI)': () => startMockCli(stateDir),
    Prism: startPrism,
    'bare Hono': () => startBareHono('{"token_type":"Bearer"}'),
  };
  const times = new Map<string, number[]>(Object.keys(kinds).map((name) => [name, []]));
  for (let run = -1; run < runs; run++) {
    for (const [name, start] of Object.entries(kinds)) {
      const ms = await timeToFirstSuccess(start);
      if (run >= 0) times.get(name)?.push(ms);
    }
  }
  const medians = Object.fromEntries([...times].map(([name, list]) => [name, median(list)]));
  const ours = medians['blaaiz-mock (built CLI)'] ?? Number.NaN;
  return [
    ...Object.entries(medians).map(([name, ms]) => measured(`cold start ${name}: median`, ms, 'ms')),
    ratioFigure('cold start: mock / bare Hono', ours / (medians['bare Hono'] ?? Number.NaN), { max: 1.3 }),
    ratioFigure('cold start: blaaiz-mock / bare Hono', ours / (medians['bare Hono'] ?? Number.NaN)),
    ratioFigure('cold start: Prism / blaaiz-mock', (medians.Prism ?? Number.NaN) / ours),
  ];
}
