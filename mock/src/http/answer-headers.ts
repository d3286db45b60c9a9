import type { Context } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    'answer.headers': Record<string, string>;
    'answer.merged': boolean;
  }
}

/**
 * Adds a header (a diagnostic `x-mock-*`, a rate-limit header) to the answer this request gets. Kept as
 * a plain object, not Hono's `c.header` (a `Headers` per request): the answer builders (`jsonAnswer`,
 * `errorResponse`, `s3Error`, the object store's PUT) merge it into their own plain header object,
 * which @hono/node-server writes as is.
 */
export function noteHeader(c: Context, name: string, value: string): void {
  const noted = c.get('answer.headers');
  if (noted) noted[name] = value;
  else c.set('answer.headers', { [name]: value });
}

/** The headers of an answer: `base`, plus every header noted for this request. */
export function answerHeaders(c: Context, base: Record<string, string>): Record<string, string> {
  const noted = c.get('answer.headers');
  if (!noted) return base;
  c.set('answer.merged', true);
  return { ...base, ...noted };
}

/** Whether the answer was built with the noted headers (so a middleware need not add them afterwards). */
export function answerHasNotedHeaders(c: Context): boolean {
  return c.get('answer.merged') === true;
}
