/** The issue type every validator returns (pointer, message, expected vs got) and its printed form. */

/** One way a value departs from openapi.yaml; `pointer` is a JSON pointer into the body or query, or `header:<Name>`. */
export interface ValidationIssue {
  readonly pointer: string;
  readonly message: string;
  /** The JSON Schema keyword that failed (`required`, `type`…), or `prohibited`, `status`, `contentType`, `body`. */
  readonly keyword: string;
  readonly expected?: unknown;
  readonly got?: unknown;
}

/** Outcome of one validation: success, or every issue found. */
export type ValidationResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly errors: ValidationIssue[] };

/** An issue about the whole message (status, content type, body presence) rather than one field. */
export function rootIssue(
  keyword: string,
  message: string,
  extra: { expected?: unknown; got?: unknown } = {},
): ValidationIssue {
  return { pointer: '', keyword, message, ...extra };
}

function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** Prints issues as a multi-line diff: operation and status (or `request`/`query`), then each pointer with expected vs got. */
export function formatValidationErrors(
  operationId: string,
  status: number | string,
  errors: readonly ValidationIssue[],
): string {
  const head = `${operationId} ${status}: ${errors.length} difference${errors.length === 1 ? '' : 's'} from openapi.yaml`;
  const lines = errors.flatMap((issue) => [
    `  ${issue.pointer === '' ? '(root)' : issue.pointer}: ${issue.message}`,
    ...('expected' in issue ? [`      expected: ${show(issue.expected)}`] : []),
    ...('got' in issue ? [`      got:      ${show(issue.got)}`] : []),
  ]);
  return [head, ...lines].join('\n');
}
