import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { ApiError } from '../errors.js';
import { noteRequestText, requestTextOf } from './request-notes.js';

/** Largest JSON or form body the API routes read (documented in the README). */
export const MAX_JSON_BYTES = 1024 * 1024;

/** The Node request behind a Hono context when served by `@hono/node-server` (absent under `app.request`). */
export function nodeIncoming(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof Readable ? (incoming as IncomingMessage) : undefined;
}

/** A request header (lower-case name) from Node's own parse when served over a socket: no Fetch `Headers`. */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = nodeIncoming(c);
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Reads straight from the socket's stream: no web `Request` or `ReadableStream` is built per request. */
function readIncoming(incoming: IncomingMessage, limit: number): Promise<Buffer> {
  if (incoming.readableEnded) return Promise.resolve(Buffer.alloc(0));
  if (incoming.complete) {
    // The whole message has arrived (the usual case for small JSON bodies): take it in one read.
    const all: Buffer | null = incoming.read();
    if (all && all.byteLength > limit) return Promise.reject(ApiError.of('bodyTooLarge'));
    return Promise.resolve(all ?? Buffer.alloc(0));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: () => void) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onClose).off('close', onClose);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) finish(() => reject(ApiError.of('bodyTooLarge')));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(() => resolve(Buffer.concat(chunks, size)));
    const onClose = () => finish(() => reject(ApiError.of('timeout', 'The request body was not received.')));
    incoming.on('data', onData).on('end', onEnd).on('error', onClose).on('close', onClose);
  });
}

async function readWebStream(stream: ReadableStream<Uint8Array>, limit: number): Promise<Buffer> {
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
  return Buffer.concat(chunks, size);
}

async function readStream(c: Context, limit: number): Promise<string> {
  const declared = Number(requestHeader(c, 'content-length'));
  if (Number.isFinite(declared) && declared > limit) throw ApiError.of('bodyTooLarge');
  const incoming = nodeIncoming(c);
  if (incoming) return (await readIncoming(incoming, limit)).toString('utf8');
  const stream = c.req.raw.body;
  return stream ? (await readWebStream(stream, limit)).toString('utf8') : '';
}

/** The body text, read from the stream once per request and remembered (for the journal and a second reader). */
async function readText(c: Context, limit: number): Promise<string> {
  const seen = requestTextOf(c);
  if (seen !== undefined) {
    if (Buffer.byteLength(seen) > limit) throw ApiError.of('bodyTooLarge');
    return seen;
  }
  const text = await readStream(c, limit);
  noteRequestText(c, text);
  return text;
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
  const type = (requestHeader(c, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
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
