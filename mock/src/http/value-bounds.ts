import type { FieldErrors } from '../core/result.js';

/** Limits on what a request may ask the mock to keep (README "Abuse resistance"). */
export const VALUE_BOUNDS = {
  /** Deepest nesting of arrays and objects in a JSON body (`owners[].field` is 3). */
  maxDepth: 16,
  /** Longest string a field may hold, in characters. */
  maxFieldChars: 4096,
} as const;

function fieldName(path: string[]): string {
  return path.length === 0 ? 'body' : path.join('.');
}

/**
 * Walks a parsed JSON body without recursion (a 10⁵-deep value cannot overflow the stack) and reports the
 * first field nested too deeply or longer than the limit, as a Laravel-style error.
 */
export function valueBoundErrors(body: unknown, bounds = VALUE_BOUNDS): FieldErrors {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: body, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string[] };
    const field = fieldName(path);
    if (typeof value === 'string' && value.length > bounds.maxFieldChars) {
      return { [field]: [`The ${field} field must not be greater than ${bounds.maxFieldChars} characters.`] };
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= bounds.maxDepth) {
      return { [field]: [`The ${field} field is nested too deeply (at most ${bounds.maxDepth} levels).`] };
    }
    for (const [key, inner] of Object.entries(value)) stack.push({ value: inner, path: [...path, key] });
  }
  return {};
}
