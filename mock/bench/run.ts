/**
 * `npm run bench`: every figure measured side by side in one run, printed as a table with targets
 * (`-- --json FILE` also writes them as JSON; `-- --quick` shortens every phase for a smoke run;
 * `-- --only presign,flow` runs the sections whose titles contain those words).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CLI } from './children.js';
import { benchColdStart } from './cold-start.js';
import { benchCpu } from './cpu.js';
import { benchDurable } from './durable.js';
import { type Figure, renderTable, writeFiguresJson } from './figures.js';
import { benchFlow } from './flow.js';
import { benchFlowCpu } from './flow-cpu.js';
import { benchHarness } from './harness.js';
import { benchExpiredPresigns, benchJournalCost, benchJournalHeap } from './heap.js';
import { benchPresign } from './presign.js';
import { benchSharedRedis } from './shared-redis.js';
import { benchUploadRss } from './upload-rss.js';
import { benchWebhooks } from './webhooks.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    json: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const only = values.only?.split(',');

async function machine() {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  return {
    cpus: cpus().length,
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

async function section(title: string, run: () => Promise<Figure[]>, into: Figure[]): Promise<void> {
  if (only && !only.some((word) => title.includes(word))) return;
  const began = performance.now();
  process.stdout.write(`- ${title}… `);
  try {
    into.push(...(await run()));
    console.log(`${((performance.now() - began) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.log('failed');
    console.error(error);
    process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-bench-state-'));
  const info = await machine();
  console.log(
    `blaaiz-mock bench on ${info.cpus} × ${info.cpuModel}, Node ${info.node}${quick ? ' (quick)' : ''}`,
  );
  const figures: Figure[] = [];
  const began = performance.now();
  try {
    const load = quick
      ? { warmSeconds: 1, seconds: 2, rounds: 1 }
      : { warmSeconds: 2, seconds: 4, rounds: 3 };
    await section(
      'CPU per request (server /proc counters: presign, token, GET customer, Prism)',
      () =>
        benchCpu(stateDir, {
          requests: quick ? 5_000 : 20_000,
          prismRequests: quick ? 1_000 : 3_000,
          rounds: quick ? 1 : 3,
          connections: 16,
        }),
      figures,
    );
    await section(
      'CPU per whole flow',
      () => benchFlowCpu(stateDir, { workers: 16, flows: quick ? 500 : 2_000, rounds: quick ? 1 : 3 }),
      figures,
    );
    await section(
      'presign at 32 connections (blaaiz-mock, Prism, bare Hono)',
      () => benchPresign(stateDir, { connections: 32, ...load }),
      figures,
    );
    await section(
      'customer creates at 32 connections (durable, in memory)',
      () => benchDurable(stateDir, { connections: 32, ...load }),
      figures,
    );
    const flowTiming = quick ? { warmSeconds: 1, seconds: 2 } : { warmSeconds: 2, seconds: 6 };
    await section('whole flow', () => benchFlow(stateDir, { workers: 16, ...flowTiming }), figures);
    await section(
      'shared flow on Redis (two instances vs one in memory)',
      () => benchSharedRedis(stateDir, { workers: 16, ...flowTiming }),
      figures,
    );
    await section('cold start', () => benchColdStart(stateDir, quick ? 2 : 5), figures);
    await section(
      'webhook deliveries to a local receiver',
      () => benchWebhooks(stateDir, quick ? 500 : 2_000),
      figures,
    );
    await section('harness startMock and close', () => benchHarness(quick ? 1 : 3), figures);
    await section('25 MB upload RSS', () => benchUploadRss(stateDir), figures);
    const presigns = quick ? 100_000 : 1_000_000;
    await section(
      `${presigns.toLocaleString('en-US')} expired presigns`,
      () => benchExpiredPresigns(presigns),
      figures,
    );
    const journaled = quick ? 20_000 : 200_000;
    await section(
      `${journaled.toLocaleString('en-US')} journaled requests`,
      () => benchJournalHeap(journaled),
      figures,
    );
    await section('journal cost', () => benchJournalCost(quick ? 1 : 3), figures);
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
  console.log(`\n${renderTable(figures)}\n`);
  const misses = figures.filter((f) => f.pass === false).length;
  const targets = figures.filter((f) => f.pass !== undefined).length;
  console.log(
    `${targets - misses}/${targets} targets met; ${((performance.now() - began) / 1000).toFixed(0)} s in all`,
  );
  if (values.json) {
    await writeFiguresJson(values.json, figures, info);
    console.log(`figures written to ${values.json}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
