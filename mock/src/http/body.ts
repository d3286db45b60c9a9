import type { Context } from 'hono';
import { ApiError } from '../errors.js';

/** Largest JSON or form body the API routes read (documented in the README). */
export const MAX_JSON_BYTES = 1024 * 1024;

async function readText(c: Context, limit: number): Promise<string> {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw ApiError.of('bodyTooLarge');
  const stream = c.req.raw.body;
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw ApiError.of('bodyTooLarge');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseForm(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}

/**
 * Reads a request body as the API does: JSON (also chunked, also absent → `{}`) or a urlencoded form.
 * Malformed JSON, unknown types and oversized bodies become the API's 4xx errors.
 */
export async function readRequestBody(c: Context, limit = MAX_JSON_BYTES): Promise<unknown> {
  const text = await readText(c, limit);
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded') return parseForm(text);
  if (text.trim() === '') return {};
  if (type === '' || type === 'application/json' || type.endsWith('+json') || type === 'text/plain') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw ApiError.of('malformedJson', `The request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  throw ApiError.of('unsupportedMedia', `Unsupported Content-Type ${type}: send application/json.`);
}
