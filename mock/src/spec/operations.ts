/** The spec's operations as data (method, path, operationId, scope), shared by the mock's request validator and the contract judge. */
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
