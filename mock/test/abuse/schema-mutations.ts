import fc from 'fast-check';
import { deref, type JsonSchema, type OpenApiDocument } from '../../src/spec/openapi-document.js';

type Schema = { readonly [keyword: string]: unknown };

/** The properties and required names of an object schema, `$ref`s followed and `allOf` members merged. */
export interface ObjectShape {
  properties: Record<string, JsonSchema>;
  required: string[];
}

function resolve(spec: OpenApiDocument, schema: JsonSchema | undefined): Schema {
  if (typeof schema !== 'object' || schema === null) return {};
  return deref<Schema>(spec, schema);
}

/** Flattens an object schema into its properties and required names (shallow, enough to break it). */
export function objectShape(spec: OpenApiDocument, schema: JsonSchema | undefined): ObjectShape {
  const node = resolve(spec, schema);
  const shape: ObjectShape = {
    properties: { ...((node.properties as Record<string, JsonSchema> | undefined) ?? {}) },
    required: [...((node.required as string[] | undefined) ?? [])],
  };
  for (const member of (node.allOf as JsonSchema[] | undefined) ?? []) {
    const inner = objectShape(spec, member);
    Object.assign(shape.properties, inner.properties);
    shape.required.push(...inner.required);
  }
  return shape;
}

function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return Number.isInteger(value) ? 'integer' : typeof value;
}

/** JSON types a property accepts, or undefined when the schema does not say plainly (oneOf, no type). */
function allowedTypes(spec: OpenApiDocument, schema: JsonSchema): Set<string> | undefined {
  const node = resolve(spec, schema);
  if (typeof node.type === 'string') return new Set([node.type]);
  if (Array.isArray(node.type)) return new Set(node.type as string[]);
  if (Array.isArray(node.enum)) return new Set((node.enum as unknown[]).map(typeOfValue));
  if ('const' in node) return new Set([typeOfValue(node.const)]);
  return undefined;
}

/** Characters that trip naive string handling: lone surrogates, NUL, bidi overrides, emoji, BOM, separators. */
export const ODD_CHARS = [
  '\uD800',
  '\uDFFF',
  '\u0000',
  '\u202E',
  '\u200F',
  '😀',
  '👩‍👩‍👧',
  '\uFEFF',
  '\u2028',
  'é',
  '"',
  '\\',
  '<',
];

/** Strings mixing printable text with {@link ODD_CHARS}. */
export const oddString = fc.string({
  unit: fc.oneof(fc.constantFrom(...ODD_CHARS), fc.string({ unit: 'grapheme', maxLength: 1 })),
  maxLength: 24,
});

/** A value of each JSON type, tagged with the type it is. */
const VALUES_BY_TYPE: Record<string, fc.Arbitrary<unknown>> = {
  string: oddString,
  number: fc.constantFrom(1.5, -3.25, 1e300),
  integer: fc.constantFrom(0, 7, -1, 2 ** 53),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(oddString, { maxLength: 3 }),
  object: fc.dictionary(oddString, oddString, { maxKeys: 3 }),
};

/** A value the property's schema must refuse (a type it does not allow, or a string outside its enum). */
export function wrongValue(spec: OpenApiDocument, schema: JsonSchema): fc.Arbitrary<unknown> | undefined {
  const allowed = allowedTypes(spec, schema);
  if (!allowed) return undefined;
  const numeric = allowed.has('number');
  const wrong = Object.keys(VALUES_BY_TYPE).filter(
    (type) => !allowed.has(type) && !(type === 'integer' && numeric),
  );
  const options = wrong.map((type) => VALUES_BY_TYPE[type] as fc.Arbitrary<unknown>);
  const node = resolve(spec, schema);
  if (Array.isArray(node.enum) && allowed.has('string')) {
    const enumValues = node.enum as unknown[];
    options.push(oddString.filter((value) => !enumValues.includes(value)));
  }
  return options.length > 0 ? fc.oneof(...options) : undefined;
}

/** Names that cannot collide with a documented property (every spec name is snake_case ASCII). */
export const extraFieldName = fc.oneof(
  oddString.map((name) => `x ${name}`),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
);

/** A JSON object body as `[name, value]` pairs, so keys such as `__proto__` stay plain fields. */
export type Fields = [string, unknown][];

/** Undocumented fields with odd keys and values, or none. */
export const extraFields: fc.Arbitrary<Fields> = fc.array(
  fc.tuple(extraFieldName, fc.oneof(oddString, fc.integer())),
  { maxLength: 4 },
);

/** Serialises pairs as a JSON object (a later duplicate key wins, as in `JSON.parse`). */
export function jsonObject(fields: Fields): string {
  return `{${fields.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`).join(',')}}`;
}
