/** Starts the target the environment names (and Prism in front of it), provides it, and reports drift at the end. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { COVERAGE } from './coverage-table.js';
import { isKnownDrift, KNOWN_DRIFT } from './known-drift.js';
import type { ChildServer } from './lib/child-server.js';
import { unreceived } from './lib/coverage-check.js';
import {
  buildDriftReport,
  formatDriftReport,
  readObservations,
  writeDriftReport,
} from './lib/drift-report.js';
import { specOperations } from './lib/spec-judge.js';
import { PROJECT_ROOT, startMock, startPrism } from './lib/start-target.js';
import { type ContractTarget, chooseTarget } from './lib/target-env.js';
import { sendWire } from './lib/transport.js';

async function answersMockState(baseUrl: string, ca: string | undefined): Promise<boolean> {
  try {
    return (await sendWire({ method: 'GET', url: `${baseUrl}/__mock/state`, ca })).status === 200;
  } catch {
    return false;
  }
}

type Task = { mode?: string; result?: { state?: string }; tasks?: Task[] };

function anySkippedOrFailed(tasks: readonly Task[]): boolean {
  return tasks.some(
    (task) =>
      task.mode === 'skip' ||
      task.mode === 'todo' ||
      ['fail', 'skip'].includes(task.result?.state ?? '') ||
      anySkippedOrFailed(task.tasks ?? []),
  );
}

/** True when every test file of the project ran and no test failed or was skipped (filters, absent controls). */
async function ranEverything(project: TestProject): Promise<boolean> {
  const files = project.vitest.state.getFiles();
  if (anySkippedOrFailed(files as unknown as Task[])) return false;
  const { testFiles } = await project.globTestFiles();
  return testFiles.every((path) => files.some((file) => file.filepath === path));
}

/** Vitest global setup of the `contracts` project. */
export default async function setup(project: TestProject) {
  const choice = chooseTarget(process.env);
  for (const note of choice.notes) console.log(note);
  const runDir = mkdtempSync(join(tmpdir(), 'blaaiz-contracts-'));
  const children: ChildServer<unknown>[] = [];
  const stop = () => Promise.all(children.map((child) => child.stop()));
  try {
    let directUrl = choice.baseUrl ?? '';
    let caFile = choice.caFile;
    if (choice.kind === 'mock') {
      const mock = await startMock(join(runDir, 'state'));
      children.push(mock);
      directUrl = mock.ready.baseUrl;
      caFile = mock.ready.caCertPath ?? undefined;
    }
    const caPem = caFile === undefined ? null : readFileSync(caFile, 'utf8');
    let apiUrl = directUrl;
    if (choice.viaPrism) {
      const prism = await startPrism(directUrl, runDir);
      children.unshift(prism);
      apiUrl = prism.ready;
    }
    const mockControls = choice.kind !== 'live' && (await answersMockState(directUrl, caPem ?? undefined));
    const target: ContractTarget = {
      kind: choice.kind,
      label: choice.label,
      apiUrl,
      directUrl,
      viaPrism: choice.viaPrism,
      clientId: choice.clientId,
      clientSecret: choice.clientSecret,
      caPem,
      mockControls,
      runId: `${Date.now().toString(36).slice(-5)}${randomBytes(2).toString('hex')}`,
      observationsFile: join(runDir, 'observations.jsonl'),
    };
    project.provide('contractTarget', target);
    const via = choice.viaPrism ? ` through prism proxy at ${apiUrl}` : '';
    console.log(
      `contract suite: target ${target.label} at ${directUrl}${via}; mock-only tests ${mockControls ? 'on' : 'off'}`,
    );
    return async () => {
      await stop();
      await finish(project, target);
      rmSync(runDir, { recursive: true, force: true });
    };
  } catch (error) {
    await stop();
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
}

async function finish(project: TestProject, target: ContractTarget): Promise<void> {
  const observations = readObservations(target.observationsFile);
  const documented = specOperations().flatMap((operation) =>
    Object.keys(operation.definition.responses ?? {}).map((status) => `${operation.operationId} ${status}`),
  );
  const report = buildDriftReport(target.label, target.runId, observations, documented);
  const file = writeDriftReport(report, join(PROJECT_ROOT, 'contracts/reports'));
  console.log(`${formatDriftReport(report).join('\n')}\n  written to ${file}`);
  if (target.kind === 'live' || !(await ranEverything(project))) return;
  const received = new Set(observations.map((o) => `${o.operationId} ${o.status}`));
  const missing = unreceived(COVERAGE, received, target.mockControls);
  const stale = KNOWN_DRIFT.filter(
    (entry) =>
      !observations.some((o) =>
        (o.knownPointers ?? []).some((p) =>
          isKnownDrift(o.operationId, { pointer: p, keyword: entry.keyword }, [entry]),
        ),
      ),
  );
  const failures = [
    ...(missing.length === 0
      ? []
      : [
          `contracts/coverage-table.ts names a test for ${missing.join(', ')}, but this run never received that status`,
        ]),
    ...stale.map(
      (entry) =>
        `contracts/known-drift.ts lists ${entry.operationId} ${entry.pointer}, which this run no longer met: remove it`,
    ),
  ];
  for (const failure of failures) console.error(`contract suite FAILED: ${failure}`);
  if (failures.length > 0) process.exitCode = 1;
}
