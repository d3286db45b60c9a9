/** Comparing the coverage table with openapi.yaml, and with what a run actually received. */
import type { SpecOperation } from '../../mock/src/spec/operations.js';
import type { CoverageTable, StatusCoverage } from '../coverage-table.js';

/** The facts of an operation the coverage check needs. */
export interface OperationFacts {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly statuses: readonly string[];
  readonly tag: string | undefined;
  readonly secured: boolean;
}

/** Reads the facts from the spec's operations. */
export function operationFacts(operations: readonly SpecOperation[]): OperationFacts[] {
  return operations.map((operation) => ({
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    statuses: Object.keys(operation.definition.responses ?? {}),
    tag: operation.definition.tags?.[0],
    secured: operation.scope !== undefined || operation.legacyApiKey,
  }));
}

function suggestedFile(facts: OperationFacts): string {
  return (facts.tag ?? 'new-operation').toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function suggestedEntry(facts: OperationFacts, statuses: readonly string[]): string {
  const file = suggestedFile(facts);
  const own = statuses.filter((status) => !(facts.secured && ['401', '403', '429'].includes(status)));
  if (facts.secured)
    return `  ${facts.operationId}: secured('${file}', [${own.map((s) => `'${s}'`).join(', ')}]),`;
  return `  ${facts.operationId}: { ${own.map((s) => `'${s}': '${file}'`).join(', ')} },`;
}

const WHERE = 'COVERAGE in contracts/coverage-table.ts';
const THEN =
  'then make contracts/<file>.test.ts provoke each status through the contract client (401/403 of a secured ' +
  "operation come from a sample request in SAMPLES of contracts/access.test.ts), or use { waived: 'why' }.";

/** Every gap between spec and table, as messages that say exactly which line to add or what to remove. */
export function coverageProblems(operations: readonly OperationFacts[], table: CoverageTable): string[] {
  const problems: string[] = [];
  for (const facts of operations) {
    const entry = table[facts.operationId];
    const missing = facts.statuses.filter((status) => entry?.[status] === undefined);
    if (missing.length === 0) continue;
    const where = `${facts.operationId} (${facts.method} ${facts.path})`;
    problems.push(
      entry
        ? `${where} documents ${missing.join(', ')} with no contract test. Add to its entry in ${WHERE}: ` +
            `${missing.map((status) => `'${status}': '${suggestedFile(facts)}'`).join(', ')} ` +
            `(in a secured(...) entry, add ${missing.map((s) => `'${s}'`).join(', ')} to its list);\n${THEN}`
        : `${where} has no contract coverage. Add to ${WHERE}:\n${suggestedEntry(facts, facts.statuses)}\n${THEN}`,
    );
  }
  const known = new Map(operations.map((facts) => [facts.operationId, facts]));
  for (const [operationId, statuses] of Object.entries(table)) {
    const facts = known.get(operationId);
    const stale = Object.keys(statuses).filter((status) => !facts?.statuses.includes(status));
    if (!facts) problems.push(`${WHERE} lists ${operationId}, which openapi.yaml no longer has: remove it.`);
    else if (stale.length > 0) {
      problems.push(
        `${WHERE} lists ${operationId} ${stale.join(', ')}, not documented in openapi.yaml: remove them.`,
      );
    }
  }
  return problems;
}

/** The test files a table names (relative to contracts/, with `.test.ts`). */
export function coveredFiles(table: CoverageTable): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const [operationId, statuses] of Object.entries(table)) {
    for (const coverage of Object.values(statuses)) {
      if (typeof coverage !== 'string') continue;
      const file = `${coverage}.test.ts`;
      files.set(file, [...new Set([...(files.get(file) ?? []), operationId])]);
    }
  }
  return files;
}

/** `operation status` pairs the table says a test provokes but the run never received. */
export function unreceived(table: CoverageTable, received: ReadonlySet<string>, mockOnly: boolean): string[] {
  const expected = Object.entries(table).flatMap(([operationId, statuses]) =>
    Object.entries(statuses)
      .filter(([, coverage]: [string, StatusCoverage]) => typeof coverage === 'string')
      .filter(([, coverage]) => mockOnly || !String(coverage).startsWith('mock-only/'))
      .map(([status]) => `${operationId} ${status}`),
  );
  return expected.filter((key) => !received.has(key));
}
