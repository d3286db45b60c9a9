/**
 * `npm run bench:profile -- <presign|token|customer|flow> [count]`: runs the built CLI under
 * `node --cpu-prof`, sends `count` requests (or flows) of one hot path, stops it, and prints the
 * functions with the most self time. The profile stays in a temp dir for a closer look (Chrome DevTools).
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockCli } from './children.js';
import { GET_CUSTOMER, PRESIGN, type Scenario, TOKEN } from './cpu-scenarios.js';
import { createCustomer, type FlowContext, oneFlow } from './flow.js';
import { createAgents, fetchToken } from './http-client.js';
import { runLoad } from './load.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time per function (name, file and line), largest first, as shares of all samples. */
export function topSelfTime(profile: { nodes: ProfileNode[] }, limit: number): string[] {
  const hits = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/');
    const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    hits.set(key, (hits.get(key) ?? 0) + (node.hitCount ?? 0));
    total += node.hitCount ?? 0;
  }
  return [...hits]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, n]) => `${((100 * n) / total).toFixed(1).padStart(5)} %  ${key}`);
}

const SINGLE: Record<string, Scenario> = { presign: PRESIGN, token: TOKEN, customer: GET_CUSTOMER };

async function main(): Promise<void> {
  const kind = process.argv[2] ?? 'presign';
  const count = Number(process.argv[3] ?? (kind === 'flow' ? 5_000 : 50_000));
  const stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-profile-state-'));
  const profileDir = await mkdtemp(join(tmpdir(), 'blaaiz-profile-'));
  const server = await startMockCli(stateDir, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
  const { caCertPath } = JSON.parse(server.readyLine) as { caCertPath: string };
  const agents = createAgents(await readFile(caCertPath, 'utf8'), 32);
  try {
    const token = await fetchToken(server.baseUrl, agents);
    const scenario = SINGLE[kind];
    if (scenario) {
      const result = await runLoad({ ...scenario.load(server.baseUrl, token, 16), amount: count });
      if (result.non2xx + result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers`);
    } else if (kind === 'flow') {
      const ctx: FlowContext = { baseUrl: server.baseUrl, token, agents };
      const customers = await Promise.all(Array.from({ length: 16 }, (_, n) => createCustomer(ctx, n)));
      let next = 0;
      await Promise.all(
        customers.map(async (id) => {
          while (next < count) await oneFlow(ctx, id, next++);
        }),
      );
    } else throw new Error(`unknown hot path ${kind}: presign, token, customer or flow`);
  } finally {
    agents.http.destroy();
    agents.https.destroy();
    await server.stop();
  }
  const [file] = (await readdir(profileDir)).filter((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${profileDir}`);
  const profile = JSON.parse(await readFile(join(profileDir, file), 'utf8')) as { nodes: ProfileNode[] };
  console.log(`${kind} × ${count}: ${join(profileDir, file)}\n${topSelfTime(profile, 25).join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
