/** The few OpenAPI 3.1 object shapes this module reads, local `$ref` resolution and media-type matching. */

/** A JSON Schema as written in the spec (OpenAPI 3.1 schemas are JSON Schema 2020-12). */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** `{ $ref }` pointing inside the same document. */
export interface ReferenceObject {
  readonly $ref: string;
}

/** A named example of a media type. */
export interface ExampleObject {
  readonly summary?: string;
  readonly value?: unknown;
}

/** Schema and examples for one content type. */
export interface MediaTypeObject {
  readonly schema?: JsonSchema;
  readonly example?: unknown;
  readonly examples?: Readonly<Record<string, ExampleObject | ReferenceObject>>;
}

/** Media types keyed by content type (`application/json`, `*\/*`…). */
export type ContentMap = Readonly<Record<string, MediaTypeObject>>;

/** A documented response header. */
export interface HeaderObject {
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}

/** A path, query, header or cookie parameter. */
export interface ParameterObject {
  readonly name: string;
  readonly in: 'query' | 'header' | 'path' | 'cookie';
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}

/** An operation's request body. */
export interface RequestBodyObject {
  readonly required?: boolean;
  readonly content?: ContentMap;
}

/** One documented response. */
export interface ResponseObject {
  readonly description?: string;
  readonly headers?: Readonly<Record<string, HeaderObject | ReferenceObject>>;
  readonly content?: ContentMap;
}

/** Security scheme name → scopes; an operation passes when one requirement is met. */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

/** One operation (method) of a path item. */
export interface OperationObject {
  readonly operationId?: string;
  readonly tags?: readonly string[];
  readonly parameters?: readonly (ParameterObject | ReferenceObject)[];
  readonly requestBody?: RequestBodyObject | ReferenceObject;
  readonly responses?: Readonly<Record<string, ResponseObject | ReferenceObject>>;
  readonly security?: readonly SecurityRequirement[];
}

/** HTTP methods a path item may hold, in OpenAPI's spelling. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One of {@link HTTP_METHODS}. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A path with its operations and path-level parameters. */
export type PathItemObject = {
  readonly parameters?: readonly (ParameterObject | ReferenceObject)[];
} & { readonly [M in HttpMethod]?: OperationObject };

/** The parsed openapi.yaml, typed only as deep as this module needs. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths?: Readonly<Record<string, PathItemObject>>;
  /** OpenAPI 3.1 webhooks: requests the API sends, by event name. */
  readonly webhooks?: Readonly<Record<string, PathItemObject>>;
  readonly components?: Readonly<Record<string, unknown>>;
  readonly security?: readonly SecurityRequirement[];
}

/** Tells a `{ $ref }` object from an inline one. */
export function isReference(value: unknown): value is ReferenceObject {
  return (
    typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string'
  );
}

/** Follows local `$ref`s (`#/components/...`) to the object they name; a dangling one is a broken spec and throws. */
export function deref<T extends object>(spec: OpenApiDocument, value: T | ReferenceObject): T {
  let current: unknown = value;
  for (let hops = 0; isReference(current); hops += 1) {
    const ref = current.$ref;
    if (!ref.startsWith('#/') || hops > 20) throw new Error(`openapi.yaml: cannot follow $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], spec);
    if (current === undefined) throw new Error(`openapi.yaml: $ref ${ref} points nowhere`);
  }
  return current as T;
}

/** Picks the documented media type serving `contentType`: exact, then `type/*`, then `*\/*`; a lone entry serves a missing header. */
export function matchMediaType(content: ContentMap, contentType: string | undefined): string | undefined {
  const keys = Object.keys(content);
  const essence = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (essence === '') return keys.includes('*/*') ? '*/*' : keys.length === 1 ? keys[0] : undefined;
  const lowered = new Map(keys.map((key) => [key.toLowerCase(), key]));
  const family = `${essence.split('/')[0] ?? ''}/*`;
  return lowered.get(essence) ?? lowered.get(family) ?? lowered.get('*/*');
}
