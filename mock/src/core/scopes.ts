/** Every OAuth scope the live API knows (api-contract §2 and the authentication guide); a client may request any subset of the ones it holds. */
export const ALL_SCOPES = [
  'wallet:read',
  'currency:read',
  'bank:read',
  'customer:read',
  'customer:write',
  'beneficiary:read',
  'virtual-account:read',
  'virtual-account:create',
  'virtual-account:close',
  'collection:create',
  'collection:crypto:create',
  'collection:interac:accept',
  'collection:interac:create',
  'interac-auto-deposit-email:create',
  'interac-auto-deposit-email:read',
  'payout:create',
  'swap:create',
  'transaction:read',
  'fees:read',
  'rates:read',
  'file:upload',
  'webhook:read',
  'webhook:write',
  'webhook:replay',
  'mock:webhook:trigger',
  'crypto-wallet:read',
  'crypto-wallet:create',
  'crypto-asset:read',
  'crypto-transaction:read',
  'crypto-payout:create',
  'crypto-swap:create',
  'compliance-kyc:read',
  'compliance-kyc:create',
  'compliance-kyc:cancel',
  'compliance-kyc:pii:read',
  'refund:create',
  'refund:read',
] as const;

export type Scope = (typeof ALL_SCOPES)[number];

const known = new Set<string>(ALL_SCOPES);

export type ScopeRequest = { ok: true; scopes: Scope[] } | { ok: false; invalid: string[] };

/** True when `value` is one of the live API's scope names. */
export function isScope(value: string): value is Scope {
  return known.has(value);
}

/**
 * Resolves the `scope` parameter of a token request (space-separated) against the scopes a client holds
 * (api-contract §2): a real scope the client does not hold is dropped silently, so the official SDKs'
 * default lists work for restricted credentials; a name that is not a scope (a bundle name such as
 * `full-access`, a wildcard, a typo) is refused. An omitted or empty value yields no scopes at all.
 */
export function resolveRequestedScopes(requested: string | undefined, held: readonly Scope[]): ScopeRequest {
  const names = (requested ?? '').split(/\s+/).filter((name) => name.length > 0);
  const invalid = names.filter((name) => !known.has(name));
  if (invalid.length > 0) return { ok: false, invalid };
  const holds = new Set<string>(held);
  return { ok: true, scopes: [...new Set(names.filter((name) => holds.has(name)))] as Scope[] };
}
