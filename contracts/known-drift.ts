/**
 * Differences between a target and openapi.yaml that are known and reported, each with the spec fix
 * that would remove it. The judge counts them as `known` in the drift report instead of failing; an
 * entry that a full run against a mock no longer meets fails the run, so the list cannot go stale.
 */

/** One known difference: where (operation, JSON pointer pattern, keyword) and why. */
export interface KnownDrift {
  readonly operationId: string;
  /** Regular expression matched against the whole issue pointer, e.g. `/data(/\d+)?/business_customer_id`. */
  readonly pointer: string;
  readonly keyword: string;
  readonly reason: string;
}

/** The known differences. */
export const KNOWN_DRIFT: readonly KnownDrift[] = [];

/** Whether an issue of `operationId` is a known difference. */
export function isKnownDrift(
  operationId: string,
  issue: { readonly pointer: string; readonly keyword: string },
  known: readonly KnownDrift[] = KNOWN_DRIFT,
): KnownDrift | undefined {
  return known.find(
    (entry) =>
      entry.operationId === operationId &&
      entry.keyword === issue.keyword &&
      new RegExp(`^${entry.pointer}$`).test(issue.pointer),
  );
}
