import type { Context } from 'hono';
import { matchOperation, type OperationMatch } from '../spec/operations.js';

/** Which listener a request reached: the API or the object store. */
export type Face = 'api' | 'storage';

/** The spec operation a request is for (from openapi.yaml's operation list), on the listener that serves it. */
export function requestOperation(c: Context, face: Face): OperationMatch | undefined {
  const match = matchOperation(c.req.method, c.req.path);
  if (!match) return undefined;
  return (match.operationId === 'putObject') === (face === 'storage') ? match : undefined;
}
