import type { Context } from 'hono';
import { matchOperation, type OperationMatch } from '../spec/operation-matcher.js';

/** Which listener a request reached: the API or the object store. */
export type Face = 'api' | 'storage';

declare module 'hono' {
  interface ContextVariableMap {
    'mock.operation': OperationMatch | null;
  }
}

/**
 * The spec operation a request is for (from openapi.yaml's operation list), on the listener that serves
 * it; found once per request and remembered (faults and the journal both ask).
 */
export function requestOperation(c: Context, face: Face): OperationMatch | undefined {
  const known = c.get('mock.operation');
  if (known !== undefined) return known ?? undefined;
  const match = matchOperation(c.req.method, c.req.path);
  const served = match && (match.operationId === 'putObject') === (face === 'storage') ? match : undefined;
  c.set('mock.operation', served ?? null);
  return served;
}
