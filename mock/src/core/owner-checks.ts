import type { Owner } from './business.js';
import { formatDate } from './clock.js';
import { isCountryCode } from './countries.js';

/** Sum of the owners' ownership percentages, rounded to cents. */
export function ownershipSum(owners: Array<{ ownership_percentage?: string | number | null }>): number {
  const total = owners.reduce((sum, o) => sum + Number(o.ownership_percentage ?? 0), 0);
  return Math.round(total * 100) / 100;
}

/** True when two owners share an e-mail (case-insensitive), as the readiness checks forbid. */
export function hasDuplicateEmails(owners: Array<{ email?: string | null }>): boolean {
  const emails = owners.map((o) => o.email?.toLowerCase()).filter((e): e is string => Boolean(e));
  return new Set(emails).size !== emails.length;
}

function yearsBefore(today: string, years: number): string {
  const [y, m, d] = today.split('-');
  return `${Number(y) - years}-${m}-${d}`;
}

/**
 * Per-owner identity invariants that need no files: age ≥ 18, expiry after today, ISO country codes.
 * Returns the problem phrased after "owner <name>", or undefined.
 */
export function ownerIdentityProblem(
  owner: Pick<Owner, 'date_of_birth' | 'id_expiry_date' | 'nationality' | 'country' | 'id_document_country'>,
  nowMs: number,
): string | undefined {
  const today = formatDate(nowMs);
  if (owner.date_of_birth && owner.date_of_birth > yearsBefore(today, 18)) {
    return 'date_of_birth must be at least 18 years ago.';
  }
  if (owner.id_expiry_date && owner.id_expiry_date <= today) return 'id_expiry_date must be a future date.';
  for (const field of ['nationality', 'country', 'id_document_country'] as const) {
    const value = owner[field];
    if (value && !isCountryCode(value)) return `${field} must be a valid ISO 3166-1 alpha-2 country code.`;
  }
  return undefined;
}
