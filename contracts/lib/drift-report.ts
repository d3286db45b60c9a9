/** Observations of judged responses, and the drift report built from them: one line per operation × status. */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One response the suite judged. */
export interface Observation {
  readonly operationId: string;
  readonly status: number;
  /** Issues the suite's own validator found. */
  readonly issues: number;
  /** Violations Prism reported; `null` when the exchange did not go through Prism. */
  readonly prism: number | null;
  /** Prism refused to forward a request the test broke on purpose (expected). */
  readonly prismRejectedRequest?: boolean;
  /** Issues matching an entry of contracts/known-drift.ts (not failures), and where they were. */
  readonly known?: number;
  readonly knownPointers?: readonly string[];
  /** First issue, printed, to show in the report. */
  readonly sample?: string;
}

/** Where observations go; `undefined` keeps them in memory only (self-tests). */
export type ObservationSink = (observation: Observation) => void;

/** A sink appending JSON lines to `file` (synchronous, so nothing is lost when a test throws next). */
export function fileSink(file: string): ObservationSink {
  return (observation) => appendFileSync(file, `${JSON.stringify(observation)}\n`);
}

/** Reads the observations written by {@link fileSink}; a missing file means none. */
export function readObservations(file: string): Observation[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Observation);
}

/** One operation × status of the run. */
export interface DriftEntry {
  readonly operationId: string;
  readonly status: number;
  readonly requests: number;
  readonly violations: number;
  readonly prismViolations: number | null;
  readonly prismConfirmedInvalidRequests: number;
  /** Differences listed in contracts/known-drift.ts (reported, not failed). */
  readonly known: number;
  readonly verdict: string;
  readonly sample?: string;
}

/** The whole report, as written to `contracts/reports/drift-<target>.json`. */
export interface DriftReport {
  readonly target: string;
  readonly runId: string;
  readonly finishedAt: string;
  readonly entries: readonly DriftEntry[];
  /** Documented `operation status` pairs this run never received. */
  readonly unseen: readonly string[];
}

function verdictOf(violations: number, prism: number | null, known: number): string {
  const total = violations + (prism ?? 0);
  if (total === 0) return known === 0 ? 'ok' : `ok (${known} known drift)`;
  const parts = [`spec ${violations}`, ...(prism === null ? [] : [`prism ${prism}`])];
  return `${total} violation${total === 1 ? '' : 's'} (${parts.join(', ')})`;
}

/** Groups observations by operation and status; `documented` lists every `operation status` of the spec. */
export function buildDriftReport(
  target: string,
  runId: string,
  observations: readonly Observation[],
  documented: readonly string[],
): DriftReport {
  const groups = new Map<string, Observation[]>();
  for (const observation of observations) {
    const key = `${observation.operationId} ${observation.status}`;
    groups.set(key, [...(groups.get(key) ?? []), observation]);
  }
  const entries = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, group]): DriftEntry => {
      const first = group[0] as Observation;
      const violations = group.reduce((sum, o) => sum + o.issues, 0);
      const proxied = group.filter((o) => o.prism !== null);
      const prismViolations = proxied.length === 0 ? null : proxied.reduce((s, o) => s + (o.prism ?? 0), 0);
      const sample = group.find((o) => o.sample !== undefined)?.sample;
      const known = group.reduce((sum, o) => sum + (o.known ?? 0), 0);
      return {
        operationId: first.operationId,
        status: first.status,
        requests: group.length,
        violations,
        prismViolations,
        prismConfirmedInvalidRequests: group.filter((o) => o.prismRejectedRequest).length,
        known,
        verdict: verdictOf(violations, prismViolations, known),
        ...(sample === undefined ? {} : { sample }),
      };
    });
  const unseen = documented.filter((key) => !groups.has(key));
  return { target, runId, finishedAt: new Date().toISOString(), entries, unseen };
}

/** The console lines of a report. */
export function formatDriftReport(report: DriftReport): string[] {
  const width = Math.max(10, ...report.entries.map((e) => `${e.operationId} ${e.status}`.length));
  const lines = report.entries.map((entry) => {
    const key = `${entry.operationId} ${entry.status}`.padEnd(width);
    const count = `×${entry.requests}`.padStart(5);
    const sample = entry.sample === undefined ? '' : `  first: ${entry.sample}`;
    return `  ${key} ${count}  ${entry.verdict}${sample}`;
  });
  const unseen = report.unseen.length === 0 ? [] : [`  documented but not seen: ${report.unseen.join(', ')}`];
  return [`drift report [${report.target}] run ${report.runId}`, ...lines, ...unseen];
}

/** Writes the report as `drift-<target>.json` in `dir` and returns the file's path. */
export function writeDriftReport(report: DriftReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `drift-${report.target}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
