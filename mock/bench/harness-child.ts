/**
 * Child process of the bench (run with `--expose-gc`, which only this measuring process gets): the
 * built package's `startMock()` + `close()` as a test file calls it, and the heap each extra idle
 * instance holds. argv[2] is `first` (one start + close on a fresh state dir, so the CA is created) or
 * `later` (the CA exists: one start that is this process's first, then `runs` more, then 1/5/20 live
 * instances). Prints one JSON line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './children.js';

type Testing = typeof import('../src/testing.js');

const mode = process.argv[2] ?? 'later';
const stateDir = process.argv[3] ?? (await mkdtemp(join(tmpdir(), 'blaaiz-bench-harness-')));
const runs = Number(process.argv[4] ?? 20);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const heapInUse = () => {
  for (let i = 0; i < 4; i++) gc?.();
  return process.memoryUsage().heapUsed;
};

const importStarted = performance.now();
const testing = (await import(pathToFileURL(join(ROOT, 'dist/mock/src/testing.js')).href)) as Testing;
const importMs = performance.now() - importStarted;

async function startAndClose(): Promise<number> {
  const began = performance.now();
  const mock = await testing.startMock({ stateDir });
  await mock.close();
  return performance.now() - began;
}

const firstMs = await startAndClose();
const report: Record<string, unknown> = { mode, importMs, firstMs };
if (mode === 'later') {
  const later: number[] = [];
  for (let i = 0; i < runs; i++) later.push(await startAndClose());
  report.laterMs = later;
  const perInstance: Record<number, number> = {};
  for (const count of [1, 5, 20]) {
    const before = heapInUse();
    const live = [];
    for (let i = 0; i < count; i++) live.push(await testing.startMock({ stateDir }));
    // A request each, so lazily built parts of an instance (token verifier, validators) are in use.
    await Promise.all(live.map((m) => fetch(`${m.baseUrl}/__mock/health`).then((r) => r.arrayBuffer())));
    perInstance[count] = (heapInUse() - before) / count;
    await Promise.all(live.map((m) => m.close()));
  }
  report.heapPerInstance = perInstance;
}
if (process.argv[3] === undefined) await rm(stateDir, { recursive: true, force: true });
console.log(JSON.stringify(report));
