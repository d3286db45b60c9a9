/** The spec's operations as data (method, path, operationId, scope) and the path matcher built from them. */
import { loadSpec } from './load-spec.js';
import {
  deref,
  HTTP_METHODS,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
} from './openapi-document.js';

/** One operation of openapi.yaml, flattened for routing and for the rules keyed on its operationId. */
export interface SpecOperation {
  readonly operationId: string;
  /** Upper-case HTTP method, e.g. `POST`. */
  readonly method: string;
  /** Path template as written in the spec, e.g. `/api/external/customer/{id}/files`. */
  readonly path: string;
  /** The OAuth scope the operation requires; `undefined` when it takes no OAuth token (issueToken, putObject). */
  readonly scope: string | undefined;
  /** Whether the deprecated `x-blaaiz-api-key` header is an accepted alternative. */
  readonly legacyApiKey: boolean;
  /** Path-level and operation-level parameters, references resolved (operation level wins). */
  readonly parameters: readonly ParameterObject[];
  /** The operation object itself, for validators. */
  readonly definition: OperationObject;
}

/** An operation found for a request, with its decoded path parameters. */
export interface OperationMatch {
  readonly operationId: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Finds the operation serving a method and pathname. */
export type OperationMatcher = (method: string, pathname: string) => OperationMatch | undefined;

function schemeNamesOfType(spec: OpenApiDocument, type: string): Set<string> {
  const schemes = (spec.components?.securitySchemes ?? {}) as Record<string, { type?: unknown }>;
  return new Set(Object.keys(schemes).filter((name) => schemes[name]?.type === type));
}

/** Lists every operation of the spec in document order; an operation without operationId is a broken spec and throws. */
export function listOperations(spec: OpenApiDocument): SpecOperation[] {
  const oauthSchemes = schemeNamesOfType(spec, 'oauth2');
  const apiKeySchemes = schemeNamesOfType(spec, 'apiKey');
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const definition = item[method];
      if (!definition) continue;
      if (!definition.operationId)
        throw new Error(`openapi.yaml: ${method.toUpperCase()} ${path} has no operationId`);
      const security = definition.security ?? spec.security ?? [];
      const scopes = security.flatMap((req) =>
        Object.entries(req).filter(([name]) => oauthSchemes.has(name)),
      );
      const byName = new Map<string, ParameterObject>();
      for (const raw of [...(item.parameters ?? []), ...(definition.parameters ?? [])]) {
        const parameter = deref(spec, raw);
        byName.set(`${parameter.in}:${parameter.name}`, parameter);
      }
      operations.push({
        operationId: definition.operationId,
        method: method.toUpperCase(),
        path,
        scope: scopes[0]?.[1][0],
        legacyApiKey: security.some((req) => Object.keys(req).some((name) => apiKeySchemes.has(name))),
        parameters: [...byName.values()],
        definition,
      });
    }
  }
  return operations;
}

interface CompiledRoute {
  readonly operationId: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly literalSegments: number;
}

function compileRoute(operation: SpecOperation): CompiledRoute {
  const names: string[] = [];
  const segments = operation.path.split('/').filter((segment) => segment !== '');
  const source = segments
    .map((segment) =>
      segment.replace(/\{([^}]+)\}|[^{]+/g, (part, name: string | undefined) => {
        if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+)';
      }),
    )
    .join('/');
  const literalSegments = segments.filter((segment) => !segment.includes('{')).length;
  return {
    operationId: operation.operationId,
    method: operation.method,
    pattern: new RegExp(`^/${source}/?$`),
    names,
    literalSegments,
  };
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Compiles the operations' path templates once; literal segments win over parameters, a trailing slash is tolerated. */
export function createOperationMatcher(operations: readonly SpecOperation[]): OperationMatcher {
  const routes = operations.map(compileRoute).sort((a, b) => b.literalSegments - a.literalSegments);
  return (method, pathname) => {
    const upper = method.toUpperCase();
    const path = pathname.split('?')[0] ?? '';
    for (const route of routes) {
      if (route.method !== upper) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = decodeSegment(found[index + 1] ?? '');
      });
      return { operationId: route.operationId, params };
    }
    return undefined;
  };
}

let defaultMatcher: OperationMatcher | undefined;

/** Matches a request against the project's openapi.yaml (loaded and compiled on first use). */
export function matchOperation(method: string, pathname: string): OperationMatch | undefined {
  defaultMatcher ??= createOperationMatcher(listOperations(loadSpec()));
  return defaultMatcher(method, pathname);
}
