import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Figure, measured, median, withTarget } from './figures.js';
import { runHeapChild } from './heap.js';

const MB = 1024 * 1024;

interface HarnessReport {
  importMs: number;
  firstMs: number;
  laterMs?: number[];
  heapPerInstance?: Record<string, number>;
}

/**
 * What a test suite pays for the harness: `startMock()` + `close()` of the built package in fresh
 * processes — a first start that creates the CA (fresh state dir, median of `runs`), a process's first
 * start once the CA exists, later starts — and the heap each extra idle instance holds (1, 5, 20 live).
 */
export async function benchHarness(runs: number): Promise<Figure[]> {
  const creating: number[] = [];
  for (let i = 0; i < runs; i++) {
    creating.push((await runHeapChild<HarnessReport>('mock/bench/harness-child.ts', 'first')).firstMs);
  }
  const stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-bench-harness-'));
  try {
    await runHeapChild<HarnessReport>('mock/bench/harness-child.ts', 'first', stateDir);
    const report = await runHeapChild<HarnessReport>('mock/bench/harness-child.ts', 'later', stateDir, 20);
    const perInstance = report.heapPerInstance ?? {};
    return [
      withTarget(measured('startMock + close: first start, creating the CA', median(creating), 'ms'), {
        max: 150,
      }),
      measured('startMock + close: first in a process, CA kept', report.firstMs, 'ms'),
      withTarget(measured('startMock + close: later calls', median(report.laterMs ?? []), 'ms'), { max: 10 }),
      measured('import of the package (testing entry)', report.importMs, 'ms'),
      ...[1, 5, 20].map((count) =>
        withTarget(
          measured(
            `heap per extra idle instance (${count} live)`,
            (perInstance[String(count)] ?? Number.NaN) / MB,
            'MB',
          ),
          { max: 1 },
        ),
      ),
    ];
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}
