/** An expected failure of a domain rule, as a value; `errors.ts` turns it into the API's response. */
export type Failure =
  | { kind: 'not_found'; message: string }
  | { kind: 'bad_request'; message: string }
  | { kind: 'validation'; errors: FieldErrors; message?: string }
  | { kind: 'oauth'; error: OAuthErrorCode; description: string; message?: string };

/** The OAuth 2 error codes the token endpoint answers with (api-contract §2). */
export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_scope';

/** Laravel-style field errors: field → messages. */
export type FieldErrors = Record<string, string[]>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

/** Wraps a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a failure. */
export function fail<T = never>(error: Failure): Result<T> {
  return { ok: false, error };
}

/** The human name Laravel gives a field in its messages: `first_name` → `first name`. */
export function attributeName(field: string): string {
  return field.replace(/\.(\d+)\./g, '.$1.').replace(/_/g, ' ');
}

/** Adds one message to a field's list. */
export function addFieldError(errors: FieldErrors, field: string, message: string): void {
  const list = errors[field] ?? [];
  list.push(message);
  errors[field] = list;
}

/** A `validation` failure when `errors` holds anything, else undefined. */
export function validationFailure(errors: FieldErrors): Failure | undefined {
  return Object.keys(errors).length > 0 ? { kind: 'validation', errors } : undefined;
}
