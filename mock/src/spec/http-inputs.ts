/** Reading query strings, headers and bodies in the shapes routers and fetch hand them over. */
import type { JsonSchema, ParameterObject } from './openapi-document.js';

/** Query values as a router hands them over: a record (repeated keys as arrays) or URLSearchParams. */
export type QueryInput = URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Headers: a Fetch `Headers` or a record with any key case (Node's `IncomingHttpHeaders` fits). */
export type HeaderInput = Headers | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** A raw body: bytes rather than a parsed value. */
export function isBytes(body: unknown): body is ArrayBuffer | ArrayBufferView {
  return body instanceof ArrayBuffer || ArrayBuffer.isView(body);
}

/** No body at all: nothing, an empty string or zero bytes. */
export function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === '' || (isBytes(body) && body.byteLength === 0);
}

/** Whether a media schema takes raw bytes (`{}`, `true` or `format: binary`). */
export function acceptsBytes(schema: JsonSchema): boolean {
  return (
    schema === true ||
    (typeof schema === 'object' && (Object.keys(schema).length === 0 || schema.format === 'binary'))
  );
}

/** One header's value, case-insensitively; repeated values joined with `, ` as HTTP does. */
export function readHeader(headers: HeaderInput, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  if (value === undefined) return undefined;
  return typeof value === 'object' ? value.join(', ') : String(value);
}

/** One query parameter; empty values count as absent and, unless an array is wanted, the last repeat wins (as in PHP). */
export function readQuery(
  query: QueryInput,
  name: string,
  wantsArray: boolean,
): string | string[] | undefined {
  const raw = query instanceof URLSearchParams ? query.getAll(name) : query[name];
  const values = (typeof raw === 'string' ? [raw] : [...(raw ?? [])]).filter((value) => value !== '');
  if (values.length === 0) return undefined;
  return wantsArray ? values : values[values.length - 1];
}

/** An object schema whose properties are named parameters or headers, for validating them in one pass. */
export function parametersSchema(
  entries: readonly { name: string; required: boolean; schema: JsonSchema | undefined }[],
) {
  return {
    type: 'object',
    properties: Object.fromEntries(entries.map((entry) => [entry.name, entry.schema ?? true])),
    required: entries.filter((entry) => entry.required).map((entry) => entry.name),
  };
}

/** The query parameters of an operation as one object schema (query strings are checked in one pass). */
export function querySchema(parameters: readonly ParameterObject[]) {
  return parametersSchema(
    parameters
      .filter((parameter) => parameter.in === 'query')
      .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema })),
  );
}
