/** What the journal stores in place of a secret. */
export const REDACTED = '[redacted]';

// `token_type` ("Bearer") names what a token is, not a token.
const SECRET_NAME = /secret|token(?!_type)|signature|password|api[-_]?key|authorization|cookie/i;
const SIGNED_QUERY = /([?&]X-Amz-Signature=)[^&"\s]*/gi;

/** Largest body text kept per journal entry; longer bodies are cut (and say so). */
export const MAX_JOURNAL_BODY_CHARS = 16 * 1024;

/** A header value with secrets masked: a Bearer/Basic credential keeps its scheme, the credential goes. */
function redactHeader(name: string, value: string): string {
  if (!SECRET_NAME.test(name)) return value.replace(SIGNED_QUERY, `$1${REDACTED}`);
  const scheme = /^(Bearer|Basic)\s+/i.exec(value);
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

/** Headers as a plain object, secrets (Authorization, API keys, cookies, signatures) masked. */
export function redactHeaders(
  headers: Headers | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, raw] of entries) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    out[name.toLowerCase()] = redactHeader(name, value);
  }
  return out;
}

/** A query string as an object, with the presigned URL's `X-Amz-Signature` masked. */
export function redactQuery(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of params) out[name] = /signature/i.test(name) ? REDACTED : value;
  return out;
}

/** A parsed body with every secret-named field (client_secret, access_token, webhook secrets) masked, deeply. */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(SIGNED_QUERY, `$1${REDACTED}`);
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] = SECRET_NAME.test(key) && field !== null && field !== '' ? REDACTED : redactValue(field);
  }
  return out;
}

/** A body text as the journal keeps it: JSON or a form parsed and redacted, other text cut to size. */
export function journalBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return null;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded')
    return redactValue(Object.fromEntries(new URLSearchParams(text)));
  if (text.length <= MAX_JOURNAL_BODY_CHARS && (type === '' || type.endsWith('json'))) {
    try {
      return redactValue(JSON.parse(text));
    } catch {
      // Not JSON after all: kept as text below.
    }
  }
  const cut = text.length > MAX_JOURNAL_BODY_CHARS;
  const kept = redactValue(cut ? text.slice(0, MAX_JOURNAL_BODY_CHARS) : text) as string;
  return cut ? `${kept}… [${text.length - MAX_JOURNAL_BODY_CHARS} more characters]` : kept;
}
