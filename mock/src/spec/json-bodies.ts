/** The JSON request-body schema of each operation that takes one, shared by the validators and their precompiler. */
import { deref, type JsonSchema, type OpenApiDocument } from './openapi-document.js';
import { listOperations } from './operations.js';

/** operationId → the `application/json` request-body schema object as it sits in the document. */
export function jsonBodySchemas(spec: OpenApiDocument): Map<string, JsonSchema> {
  const bodies = new Map<string, JsonSchema>();
  for (const operation of listOperations(spec)) {
    const raw = operation.definition.requestBody;
    const json = raw === undefined ? undefined : deref(spec, raw).content?.['application/json'];
    if (json) bodies.set(operation.operationId, json.schema ?? true);
  }
  return bodies;
}
