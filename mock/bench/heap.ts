import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './children.js';
import { type Figure, measured, withTarget } from './figures.js';

const MB = 1024 * 1024;

interface HeapReport {
  count: number;
  before: number;
  peak: number;
  after: number;
  pendingAtPeak: number;
  pendingAfter: number;
  presignsPerSecond: number;
}

/** Runs a bench child script with `--expose-gc` (the measuring process only) and returns its one JSON line. */
export async function runHeapChild<T>(name: string, ...args: (string | number)[]): Promise<T> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(ROOT, name), ...args.map(String)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`${name} exited with ${code}: ${stdout}`);
  return JSON.parse(line) as T;
}

/** Heap in use with a full request journal, and after `count` more journaled requests: the ring keeps it flat. */
export async function benchJournalHeap(count: number): Promise<Figure[]> {
  const report = await runHeapChild<{
    count: number;
    capacity: number;
    held: number;
    full: number;
    after: number;
  }>('mock/bench/journal-heap-child.ts', count);
  const label = `journal ring of ${report.capacity.toLocaleString('en-US')}`;
  return [
    measured(`${label}: heap in use when full`, report.full / MB, 'MB'),
    measured(
      `${label}: heap in use after ${report.count.toLocaleString('en-US')} more requests`,
      report.after / MB,
      'MB',
    ),
    withTarget(measured(`${label}: heap growth`, (report.after - report.full) / MB, 'MB'), { max: 8 }),
    measured(`${label}: entries held`, report.held, 'entries'),
  ];
}

/**
 * CPU time per presign with the journal on (1,000) and off, in alternating fresh processes, medians of
 * `rounds`: what journaling costs on the hot path, free of the throughput noise of a shared machine.
 */
export async function benchJournalCost(rounds: number): Promise<Figure[]> {
  const on: number[] = [];
  const off: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [size, into] of [
      [1_000, on],
      [0, off],
    ] as const) {
      const report = await runHeapChild<{ cpuMicrosPerRequest: number }>(
        'mock/bench/journal-cost-child.ts',
        size,
      );
      into.push(report.cpuMicrosPerRequest);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return [
    measured('presign CPU per request, journal on (client + server)', median(on), 'µs'),
    measured('presign CPU per request, journal off (client + server)', median(off), 'µs'),
    measured('presign CPU per request: journal on / off', median(on) / median(off), '×'),
  ];
}

/**
 * Heap in use (after a forced GC) before `count` unused presigns and after the clock moved past their
 * expiry, measured in a fresh child process so nothing else in the bench sits on that heap.
 */
export async function benchExpiredPresigns(count: number): Promise<Figure[]> {
  const script = join(ROOT, 'mock/bench/heap-child.ts');
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, String(count)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`heap child exited with ${code}: ${stdout}`);
  const report = JSON.parse(line) as HeapReport;
  const label = `${(report.count / 1e6).toLocaleString('en-US')}M expired presigns`;
  return [
    measured(`${label}: heap in use before`, report.before / MB, 'MB'),
    measured(`${label}: heap in use while live`, report.peak / MB, 'MB'),
    withTarget(measured('sustained presigns within one URL lifetime: heap in use', report.peak / MB, 'MB'), {
      max: 256,
    }),
    measured(`${label}: heap in use after expiry`, report.after / MB, 'MB'),
    withTarget(measured(`${label}: heap growth after expiry`, (report.after - report.before) / MB, 'MB'), {
      max: 16,
    }),
    measured(`${label}: entries left after expiry`, report.pendingAfter, 'entries'),
    measured(`${label}: in-process rate (app.request)`, report.presignsPerSecond, 'presigns/s'),
  ];
}
