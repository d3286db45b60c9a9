/** Ajv errors (allErrors + verbose) turned into issues; failed anyOf/oneOf are re-checked per branch. */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { toIssue } from './keyword-issues.js';
import type { JsonSchema } from './openapi-document.js';
import type { ValidationIssue } from './validation-issues.js';

/** Runs one anyOf/oneOf branch on its data and returns Ajv's raw errors, paths relative to that data. */
export type BranchChecker = (schema: JsonSchema, data: unknown) => readonly ErrorObject[];

function describeExpected(error: ErrorObject): string[] {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'type') return [params.type].flat().map((type) => `type ${String(type)}`);
  const values = error.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue];
  return values.map((value) => JSON.stringify(value));
}

/** Collapses a failed anyOf/oneOf: one combined issue when every branch fails the same simple way, else the closest branch. */
function summariseComposite(
  error: ErrorObject,
  branches: readonly (readonly ErrorObject[])[],
  check: BranchChecker,
) {
  const at = error.instancePath;
  const passing = (error.params as { passingSchemas?: unknown }).passingSchemas;
  if (Array.isArray(passing)) {
    return [
      {
        pointer: at,
        keyword: error.keyword,
        message: `must match exactly one alternative, matches ${passing.join(' and ')}`,
      },
    ];
  }
  const singles = branches.map((branch) =>
    branch.length === 1 && branch[0]?.instancePath === '' ? branch[0] : undefined,
  );
  if (singles.every((single) => single?.keyword === 'required')) {
    const names = singles.map((single) => String(single?.params.missingProperty));
    return [
      {
        pointer: at,
        keyword: 'required',
        message: `must have at least one of: ${names.join(', ')}`,
        expected: names,
      },
    ];
  }
  if (singles.every((single) => ['type', 'enum', 'const'].includes(single?.keyword ?? ''))) {
    const expected = singles.flatMap((single) => (single ? describeExpected(single) : []));
    return [
      {
        pointer: at,
        keyword: error.keyword,
        message: `must be ${expected.join(' or ')}`,
        expected,
        got: error.data,
      },
    ];
  }
  const candidates = branches.map((branch) =>
    issuesFromAjv(
      branch.map((child) => ({ ...child, instancePath: at + child.instancePath })),
      check,
    ),
  );
  return candidates.reduce((best, candidate) => (candidate.length < best.length ? candidate : best));
}

/** Converts Ajv errors (allErrors + verbose) to issues; composite keywords are re-checked per branch to report the closest one. */
export function issuesFromAjv(errors: readonly ErrorObject[], check: BranchChecker): ValidationIssue[] {
  const groups: ValidationIssue[][] = [];
  for (let index = errors.length - 1; index >= 0; index -= 1) {
    const error = errors[index];
    if (!error) continue;
    if ((error.keyword === 'anyOf' || error.keyword === 'oneOf') && Array.isArray(error.schema)) {
      const branches = (error.schema as JsonSchema[]).map((schema) => check(schema, error.data));
      index -= branches.reduce((count, branch) => count + branch.length, 0);
      groups.unshift(summariseComposite(error, branches, check));
      continue;
    }
    const issue = toIssue(error);
    if (issue) groups.unshift([issue]);
  }
  return groups.flat();
}
