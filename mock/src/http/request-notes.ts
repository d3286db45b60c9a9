import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { answerHeaders } from './answer-headers.js';

/** An upload as the object store received it: what the journal keeps instead of the bytes. */
export interface UploadDigest {
  size: number;
  md5: string | null;
}

/** A fault that fired on a request, for the journal. */
export interface FiredFault {
  id: string;
  action: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    'journal.requestText': string;
    'journal.upload': UploadDigest;
    'journal.customerId': string;
    'journal.fault': FiredFault;
    'journal.responseBody': string;
  }
}

/** Remembers the body text a route read, so the journal shows it and a second read gets the same text. */
export function noteRequestText(c: Context, text: string): void {
  c.set('journal.requestText', text);
}

/** The body text read earlier for this request, if any. */
export function requestTextOf(c: Context): string | undefined {
  return c.get('journal.requestText');
}

/** Records the size and MD5 of an upload the object store streamed to disk (never the bytes). */
export function noteUpload(c: Context, digest: UploadDigest): void {
  c.set('journal.upload', digest);
}

/** The upload digest noted for this request, if any. */
export function uploadOf(c: Context): UploadDigest | undefined {
  return c.get('journal.upload');
}

/** Keeps the text an answer's body was made of, so the journal never reads the Response. */
export function noteResponseBody(c: Context, body: string): void {
  c.set('journal.responseBody', body);
}

/** `c.json`, serialising once and noting the text: the journal shows the answer as it was, not a later state. */
export function jsonAnswer(c: Context, body: unknown, status: ContentfulStatusCode): Response {
  const text = JSON.stringify(body);
  noteResponseBody(c, text);
  return new Response(text, { status, headers: answerHeaders(c, { 'Content-Type': 'application/json' }) });
}

/** The body noted for this request's answer; `undefined` when none was (a stream, an empty answer). */
export function responseBodyOf(c: Context): string | undefined {
  return c.get('journal.responseBody');
}

/** Names the customer a request concerns when neither its path nor its body says (an object store PUT). */
export function noteCustomer(c: Context, customerId: string): void {
  c.set('journal.customerId', customerId);
}

/** The customer noted for this request, if any. */
export function customerNoted(c: Context): string | undefined {
  return c.get('journal.customerId');
}

/** Marks this request's answer as shaped by a fault. */
export function noteFault(c: Context, fault: FiredFault): void {
  c.set('journal.fault', fault);
}

/** The fault that fired on this request, if any. */
export function faultOf(c: Context): FiredFault | undefined {
  return c.get('journal.fault');
}
