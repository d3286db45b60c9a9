/** Checks of bodies, response headers and query strings against the spec, sharing the spec's two Ajv runners. */
import {
  acceptsBytes,
  type HeaderInput,
  isBytes,
  parametersSchema,
  type QueryInput,
  querySchema,
  readHeader,
  readQuery,
} from './http-inputs.js';
import {
  type ContentMap,
  deref,
  type JsonSchema,
  matchMediaType,
  type OpenApiDocument,
  type ResponseObject,
} from './openapi-document.js';
import type { SpecOperation } from './operations.js';
import { type SchemaRunner, schemaRunnersOf } from './schema-runner.js';
import { rootIssue, type ValidationIssue } from './validation-issues.js';

/** The three kinds of check a validator composes. */
export interface PayloadChecks {
  /** A body against the media type serving `contentType`; JSON text is parsed, bytes pass only binary schemas. */
  media(content: ContentMap, contentType: string | undefined, body: unknown): ValidationIssue[];
  /** The response's documented headers (Content-Type aside); pointers read `header:<Name>`. */
  headers(response: ResponseObject, headers: HeaderInput): ValidationIssue[];
  /** The operation's query parameters, coerced from text as the API does. */
  query(operation: SpecOperation, query: QueryInput): ValidationIssue[];
}

interface HeaderSchema {
  readonly schema: JsonSchema;
  readonly names: ReadonlyMap<string, string>;
}

/** Builds the checks for one spec; each schema compiles on first use. */
export function createPayloadChecks(spec: OpenApiDocument): PayloadChecks {
  const runner = (kind: 'body' | 'text'): SchemaRunner => schemaRunnersOf(spec)[kind];
  const querySchemas = new WeakMap<SpecOperation, JsonSchema>();
  const headerSchemas = new WeakMap<ResponseObject, HeaderSchema>();

  const headerSchemaOf = (response: ResponseObject): HeaderSchema => {
    const known = headerSchemas.get(response);
    if (known) return known;
    const documented = Object.entries(response.headers ?? {}).filter(
      ([name]) => name.toLowerCase() !== 'content-type',
    );
    const entries = documented.map(([name, raw]) => {
      const header = deref(spec, raw);
      return { name: name.toLowerCase(), required: header.required === true, schema: header.schema };
    });
    const built = {
      schema: parametersSchema(entries),
      names: new Map(documented.map(([name]) => [name.toLowerCase(), name])),
    };
    headerSchemas.set(response, built);
    return built;
  };

  return {
    media(content, contentType, body) {
      const key = matchMediaType(content, contentType);
      const media = key === undefined ? undefined : content[key];
      if (key === undefined || !media) {
        const expected = Object.keys(content);
        return [rootIssue('contentType', 'content type is not documented', { expected, got: contentType })];
      }
      const schema = media.schema ?? true;
      if (isBytes(body))
        return acceptsBytes(schema) ? [] : [rootIssue('body', 'must be a parsed body, not bytes')];
      if (typeof body !== 'string' || !/[/+]json$/.test(key)) return runner('body').check(schema, body);
      try {
        return runner('body').check(schema, JSON.parse(body));
      } catch {
        return [rootIssue('body', 'must be valid JSON', { got: body })];
      }
    },

    headers(response, headers) {
      const { schema, names } = headerSchemaOf(response);
      const data: Record<string, string> = {};
      for (const name of names.keys()) {
        const value = readHeader(headers, name);
        if (value !== undefined) data[name] = value;
      }
      return runner('text')
        .check(schema, data)
        .map((issue) => {
          const [, name = '', rest = ''] = /^\/([^/]*)(.*)$/.exec(issue.pointer) ?? [];
          return { ...issue, pointer: `header:${names.get(name) ?? name}${rest}` };
        });
    },

    query(operation, query) {
      const parameters = operation.parameters.filter((parameter) => parameter.in === 'query');
      let schema = querySchemas.get(operation);
      if (schema === undefined) {
        schema = querySchema(parameters);
        querySchemas.set(operation, schema);
      }
      const data: Record<string, string | string[]> = {};
      for (const { name, schema: declared } of parameters) {
        const wantsArray = typeof declared === 'object' && [declared.type].flat().includes('array');
        const value = readQuery(query, name, wantsArray);
        if (value !== undefined) data[name] = value;
      }
      return runner('text').check(schema, data);
    },
  };
}
