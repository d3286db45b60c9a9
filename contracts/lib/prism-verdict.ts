/** Reading Prism's verdict off a proxied response: the `sl-violations` header and its problem+json errors. */
import type { IncomingHttpHeaders } from 'node:http';
import { headerOf } from './transport.js';

/** One violation as Prism reports it. */
export interface PrismViolation {
  readonly location: string;
  readonly severity: string;
  readonly message: string;
}

/**
 * `none`: Prism forwarded and found nothing; `request`: Prism refused to forward (invalid request or
 * security); `response`: Prism found the upstream's answer in violation (or flagged it in `sl-violations`).
 */
export interface PrismVerdict {
  readonly kind: 'none' | 'request' | 'response';
  readonly violations: readonly PrismViolation[];
  readonly problemType?: string;
}

const PRISM_ERRORS = 'https://stoplight.io/prism/errors#';

function toViolations(raw: unknown): PrismViolation[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((entry) => {
    const item = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const location = Array.isArray(item.location) ? item.location.join('.') : String(item.location ?? '');
    return { location, severity: String(item.severity ?? 'Error'), message: String(item.message ?? entry) };
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Tells whether Prism itself answered or flagged the exchange, from headers and body. */
export function readPrismVerdict(headers: IncomingHttpHeaders, text: string): PrismVerdict {
  const header = headerOf(headers, 'sl-violations');
  const flagged = header === undefined ? [] : toViolations(parseJson(header) ?? [header]);
  const isProblem = (headerOf(headers, 'content-type') ?? '').includes('application/problem+json');
  const problem = isProblem ? (parseJson(text) as Record<string, unknown> | undefined) : undefined;
  const type = typeof problem?.type === 'string' ? problem.type : undefined;
  if (type?.startsWith(PRISM_ERRORS)) {
    const listed = toViolations(problem?.validation);
    const violations = listed.length > 0 ? listed : [...flagged];
    if (violations.length === 0) {
      violations.push({ location: 'prism', severity: 'Error', message: String(problem?.detail ?? type) });
    }
    const aboutResponse =
      type.endsWith('#VIOLATIONS') && violations.some((v) => v.location.startsWith('response'));
    return { kind: aboutResponse ? 'response' : 'request', violations, problemType: type };
  }
  const refusal = isProblem ? undefined : (parseJson(text) as { error?: { code?: unknown } } | undefined);
  if (refusal?.error?.code === 'invalid_json') {
    // Prism's HTTP server refuses a body it cannot parse with its own shape, before validating anything.
    const violations = [
      { location: 'request.body', severity: 'Error', message: 'Invalid JSON (refused by Prism)' },
    ];
    return { kind: 'request', violations };
  }
  if (flagged.length > 0) {
    const aboutRequest = flagged.every((violation) => violation.location.startsWith('request'));
    return { kind: aboutRequest ? 'request' : 'response', violations: flagged };
  }
  return { kind: 'none', violations: [] };
}

/** Prints Prism's violations, one per line, for a failure message. */
export function formatPrismViolations(violations: readonly PrismViolation[]): string {
  return violations
    .map((violation) => `  [prism ${violation.severity}] ${violation.location}: ${violation.message}`)
    .join('\n');
}
