/** The suite's only wire access: one HTTP(S) exchange over node:http/https, trusting an optional private CA. */
import {
  type ClientRequest,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { request as httpsRequest } from 'node:https';

/** One request as it goes on the wire. */
export interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array | undefined;
  /** PEM of a CA to trust for https (the mock's local CA); the system store is used when absent. */
  readonly ca?: string | undefined;
}

/** One response: status, headers as Node hands them over, and the body as bytes and text. */
export interface WireResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly bytes: Buffer;
  readonly text: string;
}

const TIMEOUT_MS = 30_000;
const CHUNK = 256 * 1024;
const TLS_TRUST_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

function explain(error: Error & { code?: string }, request: WireRequest): Error {
  const where = `${request.method} ${request.url}`;
  if (error.code && TLS_TRUST_CODES.has(error.code)) {
    return new Error(
      `${where}: the server's certificate is not trusted (${error.code}). Set CONTRACT_CA_FILE to the ` +
        'PEM of its CA (a blaaiz-mock serves it at /__mock/ca.pem).',
    );
  }
  return new Error(`${where}: ${error.code ?? ''} ${error.message}`.replace(/\s+/g, ' '));
}

/** Sends one request and reads the whole answer; network and TLS failures reject with the URL and a hint. */
export function sendWire(request: WireRequest): Promise<WireResponse> {
  const url = new URL(request.url);
  const body =
    request.body === undefined
      ? undefined
      : typeof request.body === 'string'
        ? Buffer.from(request.body)
        : request.body;
  const headers: Record<string, string> = { ...request.headers };
  const announced = Object.keys(headers).some((name) => name.toLowerCase() === 'content-length');
  if (body !== undefined && !announced) headers['content-length'] = String(body.byteLength);
  const options = { method: request.method, headers, agent: false as const, timeout: TIMEOUT_MS };
  return new Promise((resolve, reject) => {
    let answered = false;
    let writeError: Error | undefined;
    const onResponse = (response: IncomingMessage) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => reject(explain(error, request)));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          bytes,
          text: bytes.toString(),
        });
      });
    };
    const outgoing =
      url.protocol === 'https:'
        ? httpsRequest(url, { ...options, ...(request.ca ? { ca: request.ca } : {}) }, onResponse)
        : httpRequest(url, options, onResponse);
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    // A server may answer (e.g. 400 EntityTooLarge) and close before the whole body is written.
    outgoing.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') writeError = error;
      else reject(explain(error, request));
    });
    outgoing.on('close', () => {
      if (!answered) reject(explain(writeError ?? new Error('connection closed without an answer'), request));
    });
    void writeBody(outgoing, body, () => answered);
  });
}

/** Writes the body in chunks, stopping as soon as the server answered. */
async function writeBody(outgoing: ClientRequest, body: Uint8Array | undefined, answered: () => boolean) {
  for (let offset = 0; body !== undefined && offset < body.byteLength && !answered(); offset += CHUNK) {
    const drained = outgoing.write(body.subarray(offset, offset + CHUNK));
    if (!drained) await new Promise((resolve) => outgoing.once('drain', resolve).once('close', resolve));
    if (outgoing.destroyed) return;
  }
  outgoing.end();
}

/** One response header as a single string (repeats joined), or undefined. */
export function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
