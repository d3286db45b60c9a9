import { deref, type JsonSchema, type OpenApiDocument } from '../spec/openapi-document.js';

type Schema = { readonly [keyword: string]: unknown };

/** What a schema lets through: named properties, a map of any keys, array items, or a plain value. */
interface Shape {
  properties: Map<string, JsonSchema[]>;
  anyKey: boolean;
  items: JsonSchema[];
}

function resolve(spec: OpenApiDocument, schema: JsonSchema): Schema | undefined {
  return typeof schema === 'object' && schema !== null ? deref<Schema>(spec, schema) : undefined;
}

/** Collects what a schema and its `allOf`/`anyOf`/`oneOf`/`if`-`then`-`else` members define. */
function collect(spec: OpenApiDocument, schema: JsonSchema, into: Shape, seen: Set<Schema>): void {
  const node = resolve(spec, schema);
  if (!node || seen.has(node)) return;
  seen.add(node);
  for (const [name, sub] of Object.entries((node.properties as Record<string, JsonSchema>) ?? {})) {
    const list = into.properties.get(name) ?? [];
    list.push(sub);
    into.properties.set(name, list);
  }
  if (node.additionalProperties !== undefined && node.additionalProperties !== false) into.anyKey = true;
  if (node.items !== undefined) into.items.push(node.items as JsonSchema);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const member of (node[key] as JsonSchema[] | undefined) ?? []) collect(spec, member, into, seen);
  }
  for (const key of ['then', 'else'] as const) {
    if (node[key] !== undefined) collect(spec, node[key] as JsonSchema, into, seen);
  }
}

/** Shapes already collected, per document and per schema list (the lists shapes hold are reused). */
const shapes = new WeakMap<OpenApiDocument, WeakMap<JsonSchema[], Shape>>();
/** The one-element list of a top-level schema, so its shape is found again by identity. */
const roots = new WeakMap<object, JsonSchema[]>();

function shapeOf(spec: OpenApiDocument, schemas: JsonSchema[]): Shape {
  let known = shapes.get(spec);
  if (!known) {
    known = new WeakMap();
    shapes.set(spec, known);
  }
  const cached = known.get(schemas);
  if (cached) return cached;
  const shape: Shape = { properties: new Map(), anyKey: false, items: [] };
  for (const schema of schemas) collect(spec, schema, shape, new Set());
  known.set(schemas, shape);
  return shape;
}

function rootList(schema: JsonSchema): JsonSchema[] {
  if (typeof schema !== 'object' || schema === null) return [schema];
  let list = roots.get(schema);
  if (!list) {
    list = [schema];
    roots.set(schema, list);
  }
  return list;
}

function pick(spec: OpenApiDocument, schemas: JsonSchema[], value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const shape = shapeOf(spec, schemas);
  if (Array.isArray(value)) {
    return shape.items.length === 0 ? value : value.map((item) => pick(spec, shape.items, item));
  }
  if (shape.properties.size === 0) return shape.anyKey ? value : {};
  const out: Record<string, unknown> = {};
  for (const [name, subs] of shape.properties) {
    // Own properties only: a `__proto__` or `constructor` key of the body is never a schema property.
    if (Object.hasOwn(value, name)) out[name] = pick(spec, subs, (value as Record<string, unknown>)[name]);
  }
  return out;
}

/**
 * Laravel's validated input: a copy of `value` holding only the fields `schema` defines, at every level
 * (owners[] included); undocumented keys, server-owned fields and prototype keys are dropped silently.
 */
export function definedInput(spec: OpenApiDocument, schema: JsonSchema, value: unknown): unknown {
  return pick(spec, rootList(schema), value);
}
