/** Every operation and documented status of openapi.yaml has a contract test (or a stated waiver) in the coverage table. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COVERAGE } from './coverage-table.js';
import { coverageProblems, coveredFiles, operationFacts } from './lib/coverage-check.js';
import { specOperations } from './lib/spec-judge.js';
import { PROJECT_ROOT } from './lib/start-target.js';

const facts = operationFacts(specOperations());

describe('contract coverage of openapi.yaml', () => {
  it('lists every operation and documented status in contracts/coverage-table.ts, and nothing else', () => {
    expect(coverageProblems(facts, COVERAGE).join('\n\n')).toBe('');
  });

  it('points at test files that exist and name their operations', () => {
    const problems: string[] = [];
    for (const [file, operationIds] of coveredFiles(COVERAGE)) {
      const path = join(PROJECT_ROOT, 'contracts', file);
      if (!existsSync(path)) {
        problems.push(`contracts/${file} does not exist (named for ${operationIds.join(', ')})`);
        continue;
      }
      const text = readFileSync(path, 'utf8');
      const unnamed = operationIds.filter((operationId) => !text.includes(operationId));
      if (unnamed.length > 0) problems.push(`contracts/${file} never names ${unnamed.join(', ')}`);
    }
    expect(problems.join('\n')).toBe('');
  });

  it('waives only with a reason', () => {
    const waivers = Object.values(COVERAGE).flatMap((statuses) =>
      Object.values(statuses).filter((coverage) => typeof coverage !== 'string'),
    );
    for (const waiver of waivers) expect(waiver.waived.length).toBeGreaterThan(20);
  });

  it('has a sample request in contracts/access.test.ts for every secured operation', () => {
    const text = readFileSync(join(PROJECT_ROOT, 'contracts/access.test.ts'), 'utf8');
    const missing = facts
      .filter(
        (operation) => operation.secured && !new RegExp(`^\\s+${operation.operationId}:`, 'm').test(text),
      )
      .map(
        (operation) =>
          `add a schema-valid sample request for ${operation.operationId} to SAMPLES in contracts/access.test.ts`,
      );
    expect(missing.join('\n')).toBe('');
  });
});
