import fc from 'fast-check';
import type { JsonSchema, OpenApiDocument, RequestBodyObject } from '../../src/spec/openapi-document.js';
import { deref } from '../../src/spec/openapi-document.js';
import type { SpecOperation } from '../../src/spec/operations.js';
import {
  extraFields,
  type Fields,
  jsonObject,
  type ObjectShape,
  objectShape,
  oddString,
  wrongValue,
} from './schema-mutations.js';

/** Credentials and ids the requests use where the broken rule is elsewhere. */
export interface RequestContext {
  token: string;
  tokenWithoutScopes: string;
  individualId: string;
  businessId: string;
}

/** `s` with lone surrogates replaced, so it can be percent-encoded or put in a form. */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Printable ASCII, the only thing a header value may hold. */
export const ascii = fc.string({ unit: 'grapheme-ascii', maxLength: 40 });

/** Ids no record has: odd Unicode, traversal, percent junk, very long. */
export const garbageId = fc.oneof(
  oddString.filter((s) => s.length > 0).map((s) => encodeURIComponent(wellFormed(s))),
  fc.constantFrom('..', '%2E%2E%2F', '%E0%A4%A', '%', '%00', '%ED%A0%80', 'x'.repeat(5000), 'null'),
);

/** A token with one character changed (not the last: its spare bits may not change the signature). */
export function tamperedToken(token: string): fc.Arbitrary<string> {
  return fc
    .nat(token.length - 2)
    .map((i) => `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`);
}

/** The operation's path with real ids (individual for `{id}`, business for `{customer}`) or `override`. */
export function realPath(op: SpecOperation, ctx: RequestContext, override?: string): string {
  return op.path.replace(/\{([^}]+)\}/g, (_all, name: string) => {
    if (override !== undefined) return override;
    if (name === 'id') return ctx.individualId;
    if (name === 'customer') return ctx.businessId;
    return '00000000-0000-4000-8000-00000000dead';
  });
}

/** The object shape of the operation's body for a media type, when it documents one. */
export function bodyShape(spec: OpenApiDocument, op: SpecOperation, type: string): ObjectShape | undefined {
  const body = op.definition.requestBody;
  const media = body && deref<RequestBodyObject>(spec, body).content?.[type];
  return media ? objectShape(spec, media.schema) : undefined;
}

/** One 1 MiB string (UTF-8 doubles it): over the body limit however it is wrapped. */
const MIB_STRING = 'é'.repeat(512 * 1024);

/** JSON bodies the schema refuses, tagged: wrong types, missing fields, not an object, 1 MB strings. */
export function brokenBodies(spec: OpenApiDocument, shape: ObjectShape): fc.Arbitrary<[string, string]>[] {
  const tag = (kind: string, text: fc.Arbitrary<string>) => text.map((t): [string, string] => [kind, t]);
  const wrong = Object.entries(shape.properties).flatMap(([name, schema]) => {
    const value = wrongValue(spec, schema);
    return value ? [value.map((v): Fields => [[name, v]])] : [];
  });
  const bodies = [
    tag('not an object', fc.constantFrom('[]', '"text"', '42', 'true', 'null', '[{"a":1}]')),
    tag(
      'malformed JSON',
      oddString.map((s) => `{"a": ${JSON.stringify(s)}`),
    ),
    tag(
      '1 MiB string',
      extraFields.map((f) => jsonObject([...f, ['x big', MIB_STRING]])),
    ),
  ];
  if (wrong.length > 0) {
    const fields = fc.tuple(fc.oneof(...wrong), extraFields).map(([w, extra]) => [...extra, ...w]);
    bodies.push(tag('wrong type', fields.map(jsonObject)));
    const huge = fields.map((f) => jsonObject([['x long', 'y'.repeat(900_000)], ...f]));
    bodies.push(tag('wrong type beside a 900 kB string', huge));
  }
  if (shape.required.length > 0) bodies.push(tag('required fields missing', extraFields.map(jsonObject)));
  return bodies;
}

/** Form bodies lacking the required fields, with odd keys and values. */
export const brokenForm = extraFields.map((fields) =>
  new URLSearchParams(
    fields.map(([k, v]): [string, string] => [wellFormed(k), wellFormed(String(v))]),
  ).toString(),
);

/** A query value the parameter's schema refuses (not an integer, or outside its enum), when it has one. */
export function wrongQueryValue(spec: OpenApiDocument, schema: JsonSchema): fc.Arbitrary<string> | undefined {
  const node = typeof schema === 'object' ? deref<{ type?: unknown; enum?: unknown[] }>(spec, schema) : {};
  const words = oddString.map((s) => `x${wellFormed(s)}`);
  if (node.type === 'integer') return words;
  if (Array.isArray(node.enum)) return words.filter((v) => !node.enum?.includes(v));
  return undefined;
}
