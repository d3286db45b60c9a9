import type { Failure } from './result.js';

/** Most bytes one customer's stored data may take once serialised: profile, KYC data and owners. */
export const MAX_CUSTOMER_BYTES = 64 * 1024;

/** Fields of a customer only the server writes (api-contract §4); an update never copies them. */
export const SERVER_OWNED_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'business_id',
  'type',
  'verification_status',
  'kyb_scope',
  'enhanced_due_diligence',
  'kyc_data',
  'owners',
  'documents',
  'recent_comments',
  'created_at',
  'updated_at',
]);

function sizeOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '');
}

/**
 * A 422 when storing `input` on top of `current` (a stored view, or nothing for a new customer) could
 * take the customer past {@link MAX_CUSTOMER_BYTES}; named after the input's largest field.
 */
export function customerSizeFailure(input: object, current?: object): Failure | undefined {
  const total = sizeOf(input) + (current === undefined ? 0 : sizeOf(current));
  if (total <= MAX_CUSTOMER_BYTES) return undefined;
  const entries = Object.entries(input).map(([field, value]) => [field, sizeOf(value)] as const);
  const field = entries.sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'customer';
  const message = `The customer's data may not exceed ${MAX_CUSTOMER_BYTES / 1024} KB; the ${field.replace(/_/g, ' ')} field would take it past that.`;
  return { kind: 'validation', message, errors: { [field]: [message] } };
}
