import { ApiError } from '../errors.js';
import { loadSpec } from '../spec/load-spec.js';
import { listOperations } from '../spec/operations.js';

/** Statuses a fault may answer, with the body the API documents for each (README "Faults"). */
export const API_FAULT_STATUSES = [429, 500, 502, 503] as const;
/** Statuses a fault may answer on the object store: S3's `InternalError` and `SlowDown`. */
export const STORE_FAULT_STATUSES = [500, 503] as const;

/** One fault: which requests it matches and what it does to them (`POST /__mock/faults`). */
export interface FaultRule {
  id: string;
  operationId: string;
  customer_id?: string;
  status?: number;
  /** Wall-clock delay before the request is handled: what a client feels (not the virtual clock). */
  latencyMs?: number;
  /** Drop the connection before any byte of the answer, or after its head and half its body. */
  drop?: 'before' | 'mid';
  /** The object store stops reading the upload and never answers. */
  stall?: true;
  /** Fire at most this many times (unlimited when absent). */
  times?: number;
  /** Chance of firing on each matching request (1 when absent). */
  probability?: number;
  /** `Retry-After` of a 429 (default 60). */
  retryAfterSeconds?: number;
  /** Virtual instant after which the rule no longer fires (from `forSeconds`). */
  expires_at?: string;
  /** How often it has fired. */
  fired: number;
}

/** A fault as a caller writes it (`POST /__mock/faults`, `mock.faults.add`); `parseFaultRule` checks it. */
export interface FaultInput {
  operationId: string;
  customer_id?: string;
  status?: number;
  latencyMs?: number;
  drop?: boolean | 'before' | 'mid';
  stall?: boolean;
  times?: number;
  probability?: number;
  retryAfterSeconds?: number;
  /** Virtual seconds the rule stays in force. */
  forSeconds?: number;
}

const FIELDS = new Set([
  'operationId',
  'customer_id',
  'status',
  'latencyMs',
  'drop',
  'stall',
  'times',
  'probability',
  'retryAfterSeconds',
  'forSeconds',
]);

function invalid(field: string, message: string): ApiError {
  return new ApiError(422, message, { [field]: [message] });
}

function integerIn(
  body: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw invalid(field, `The ${field} field must be an integer from ${min} to ${max}.`);
  return value;
}

let operationIds: ReadonlySet<string> | undefined;

function knownOperation(value: unknown): string {
  operationIds ??= new Set(listOperations(loadSpec()).map((operation) => operation.operationId));
  if (typeof value !== 'string' || !operationIds.has(value))
    throw invalid(
      'operationId',
      'The operationId field must name an operation of openapi.yaml (e.g. getPresignedUrl, putObject, issueToken).',
    );
  return value;
}

function action(
  body: Record<string, unknown>,
  operationId: string,
): Pick<FaultRule, 'status' | 'drop' | 'stall'> {
  const chosen = ['status', 'drop', 'stall'].filter(
    (name) => body[name] !== undefined && body[name] !== false,
  );
  if (chosen.length > 1) throw invalid(chosen[1] ?? 'status', 'Choose one of status, drop and stall.');
  const store = operationId === 'putObject';
  if (body.status !== undefined) {
    const allowed: readonly number[] = store ? STORE_FAULT_STATUSES : API_FAULT_STATUSES;
    if (!allowed.includes(body.status as number))
      throw invalid('status', `The status field must be one of ${allowed.join(', ')} for ${operationId}.`);
    return { status: body.status as number };
  }
  if (body.drop === true || body.drop === 'before' || body.drop === 'mid')
    return { drop: body.drop === 'mid' ? 'mid' : 'before' };
  if (body.drop !== undefined && body.drop !== false)
    throw invalid('drop', 'The drop field must be true, "before" or "mid".');
  if (body.stall === true) {
    if (!store) throw invalid('stall', 'A stall applies to uploads only: use it with operationId putObject.');
    return { stall: true };
  }
  if (body.stall !== undefined && body.stall !== false)
    throw invalid('stall', 'The stall field must be true.');
  return {};
}

/** Checks a fault rule sent to `POST /__mock/faults`; 422 in the API's shape naming the first bad field. */
export function parseFaultRule(body: unknown, id: string, now: number): FaultRule {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('operationId', 'Send a JSON object describing the fault.');
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).find((name) => !FIELDS.has(name));
  if (unknown) throw invalid(unknown, `Unknown field ${unknown}: a fault takes ${[...FIELDS].join(', ')}.`);
  const operationId = knownOperation(fields.operationId);
  const does = action(fields, operationId);
  const latencyMs = integerIn(fields, 'latencyMs', 0, 120_000);
  if (latencyMs === undefined && Object.keys(does).length === 0)
    throw invalid('status', 'A fault needs an effect: status, latencyMs, drop or stall.');
  const times = integerIn(fields, 'times', 1, 1_000_000);
  const retryAfterSeconds = integerIn(fields, 'retryAfterSeconds', 0, 86_400);
  if (retryAfterSeconds !== undefined && does.status !== 429)
    throw invalid('retryAfterSeconds', 'The retryAfterSeconds field applies to status 429 only.');
  const probability = fields.probability;
  if (
    probability !== undefined &&
    (typeof probability !== 'number' || !(probability > 0 && probability <= 1))
  )
    throw invalid('probability', 'The probability field must be a number above 0 and at most 1.');
  const customer = fields.customer_id;
  if (customer !== undefined && (typeof customer !== 'string' || customer === ''))
    throw invalid('customer_id', 'The customer_id field must be a non-empty string.');
  const forSeconds = fields.forSeconds;
  if (forSeconds !== undefined && (typeof forSeconds !== 'number' || !(forSeconds > 0)))
    throw invalid('forSeconds', 'The forSeconds field must be a positive number of virtual seconds.');
  return {
    id,
    operationId,
    ...(customer === undefined ? {} : { customer_id: customer as string }),
    ...does,
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(times === undefined ? {} : { times }),
    ...(probability === undefined ? {} : { probability: probability as number }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    ...(forSeconds === undefined
      ? {}
      : { expires_at: new Date(now + (forSeconds as number) * 1000).toISOString() }),
    fired: 0,
  };
}
