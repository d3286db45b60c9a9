/** Turns an operationId and the test's options into the exact request that goes on the wire. */
import type { SpecOperation } from '../../mock/src/spec/operations.js';

/** What a test says about one call; everything else (method, path) comes from openapi.yaml. */
export interface CallOptions {
  /** Path parameters by name, e.g. `{ id: customerId }`. */
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  /** A JSON body (sent as `application/json`). */
  readonly json?: unknown;
  /** A form body (sent as `application/x-www-form-urlencoded`, as official SDKs send tokens). */
  readonly form?: Readonly<Record<string, string>>;
  /** A body sent verbatim, e.g. malformed JSON. */
  readonly raw?: { readonly contentType: string; readonly text: string };
  /** A Bearer token. */
  readonly token?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Why this request breaks openapi.yaml on purpose (missing credential, value outside an enum…).
   * Required exactly when the request is invalid, so no test sends a wrong request by accident.
   */
  readonly invalid?: string;
}

/** A request ready to send: relative target (path and query) plus headers and body. */
export interface BuiltRequest {
  readonly method: string;
  readonly pathAndQuery: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string | undefined;
  readonly body: string | undefined;
}

function fillPath(operation: SpecOperation, params: Readonly<Record<string, string>>): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${operation.operationId}: path parameter "${name}" not given`);
    return encodeURIComponent(value);
  });
}

function encodeBody(options: CallOptions): { contentType: string | undefined; body: string | undefined } {
  const given = [options.json, options.form, options.raw].filter((body) => body !== undefined).length;
  if (given > 1) throw new Error('give at most one of json, form and raw');
  if (options.json !== undefined)
    return { contentType: 'application/json', body: JSON.stringify(options.json) };
  if (options.form !== undefined) {
    return {
      contentType: 'application/x-www-form-urlencoded',
      body: new URLSearchParams(options.form as Record<string, string>).toString(),
    };
  }
  if (options.raw !== undefined) return { contentType: options.raw.contentType, body: options.raw.text };
  return { contentType: undefined, body: undefined };
}

/** Builds the request for `operation`: method and path from the spec, the rest from `options`. */
export function buildRequest(operation: SpecOperation, options: CallOptions): BuiltRequest {
  const query = new URLSearchParams(options.query as Record<string, string> | undefined);
  const search = query.toString();
  const { contentType, body } = encodeBody(options);
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  return {
    method: operation.method,
    pathAndQuery: `${fillPath(operation, options.params ?? {})}${search === '' ? '' : `?${search}`}`,
    query,
    headers,
    contentType,
    body,
  };
}

/** Joins a base URL (which may carry a path prefix) and a path starting with `/`. */
export function joinUrl(base: string, pathAndQuery: string): string {
  return `${base.replace(/\/+$/, '')}${pathAndQuery}`;
}
