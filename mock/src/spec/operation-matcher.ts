/** Finds the spec operation serving a request (the journal and faults name requests by operationId). */
import { loadSpec } from './load-spec.js';
import { listOperations, type SpecOperation } from './operations.js';

/** An operation found for a request, with its decoded path parameters. */
export interface OperationMatch {
  readonly operationId: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Finds the operation serving a method and pathname. */
export type OperationMatcher = (method: string, pathname: string) => OperationMatch | undefined;

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
  const byMethod = new Map<string, CompiledRoute[]>();
  for (const route of routes) byMethod.set(route.method, [...(byMethod.get(route.method) ?? []), route]);
  // Requests repeat their paths (a load test, a polling client): the last few hundred answers are kept.
  const recent = new Map<string, OperationMatch | null>();
  const find = (upper: string, path: string): OperationMatch | null => {
    for (const route of byMethod.get(upper) ?? []) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = decodeSegment(found[index + 1] ?? '');
      });
      return Object.freeze({ operationId: route.operationId, params: Object.freeze(params) });
    }
    return null;
  };
  return (method, pathname) => {
    const upper = method.toUpperCase();
    const path = pathname.split('?')[0] ?? '';
    if (path.length > 256) return find(upper, path) ?? undefined;
    const key = `${upper} ${path}`;
    let match = recent.get(key);
    if (match === undefined) {
      if (recent.size >= RECENT_MATCHES) recent.clear();
      match = find(upper, path);
      recent.set(key, match);
    }
    return match ?? undefined;
  };
}

/** How many recent method + path answers a matcher keeps (then it starts afresh). */
const RECENT_MATCHES = 512;

let defaultMatcher: OperationMatcher | undefined;

/** Matches a request against the project's openapi.yaml (loaded and compiled on first use). */
export function matchOperation(method: string, pathname: string): OperationMatch | undefined {
  defaultMatcher ??= createOperationMatcher(listOperations(loadSpec()));
  return defaultMatcher(method, pathname);
}
