import http from 'node:http';
import https from 'node:https';

/** An answer read whole, as the official SDKs read it: status, headers, text, and the JSON when it parses. */
export interface WireResponse<T = unknown> {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: T;
  /** True when the request body went out with `Transfer-Encoding: chunked` (no Content-Length). */
  sentChunked: boolean;
}

/** How `sendRequest` sends: body pieces are written one `write()` each, never with a Content-Length. */
export interface WireRequest {
  method: string;
  headers?: Record<string, string | number>;
  /** Written one by one (chunked); omitted: a bodiless request. */
  chunks?: Array<string | Uint8Array>;
  /** Force `https.request` whatever the URL's scheme, as the official Node SDK does for uploads. */
  https?: boolean;
  /** CA certificate(s) to trust for https, in PEM. */
  ca?: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Sends one request with Node's `http.request` / `https.request` and reads the whole answer. */
export function sendRequest<T = unknown>(url: string | URL, init: WireRequest): Promise<WireResponse<T>> {
  const target = new URL(url);
  const useHttps = init.https === true || target.protocol === 'https:';
  const options: https.RequestOptions = {
    method: init.method,
    headers: init.headers ?? {},
    ...(init.ca === undefined ? {} : { ca: init.ca }),
  };
  return new Promise((resolve, reject) => {
    const request = (useHttps ? https : http).request(target, options, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text,
          json: parseJson(text) as T,
          sentChunked: request.chunkedEncoding,
        });
      });
    });
    request.on('error', reject);
    for (const chunk of init.chunks ?? []) request.write(chunk);
    request.end();
  });
}

/** Splits a text into `count` pieces of about the same length (to send it as several chunks). */
export function splitIntoChunks(text: string, count = 3): string[] {
  const size = Math.max(1, Math.ceil(text.length / count));
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}
