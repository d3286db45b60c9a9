/** Why a request's credentials were refused (the reasons `authenticate` tells apart). */
export type AuthRefusal =
  | { kind: 'no-credential' }
  | { kind: 'unknown-key' }
  | { kind: 'malformed-header' }
  | { kind: 'token'; reason: string }
  | { kind: 'unknown-client'; clientId: string };

/**
 * The `x-mock-auth` text of a 401 (README "Mock controls"): the body stays the live API's `Invalid or
 * missing access token`, the header says which of no credential, a malformed header, an unknown legacy
 * key, a bad signature, an expired token or a token of an unknown client it was.
 */
export function describeRefusal(refusal: AuthRefusal): string {
  switch (refusal.kind) {
    case 'no-credential':
      return 'rejected: no credential (send Authorization: Bearer <token>)';
    case 'unknown-key':
      return 'rejected: unknown legacy key (x-blaaiz-api-key)';
    case 'malformed-header':
      return 'rejected: malformed Authorization header (expected "Bearer <token>")';
    case 'unknown-client':
      return `rejected: unknown client ${refusal.clientId}`;
    case 'token':
      if (refusal.reason === 'expired')
        return 'rejected: token expired (tokens last 900 s on the virtual clock)';
      if (refusal.reason === 'bad signature')
        return 'rejected: bad signature (issued by an instance with another signing secret, or edited)';
      return `rejected: ${refusal.reason}`;
  }
}
