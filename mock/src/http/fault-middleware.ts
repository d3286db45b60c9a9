import type { Context, MiddlewareHandler } from 'hono';
import { decodeUploadTicket } from '../core/upload-ticket.js';
import type { MockDeps } from '../deps.js';
import { UPLOAD_PARAM } from '../signing/presigned-url.js';
import type { OperationMatch } from '../spec/operation-matcher.js';
import { noteHeader } from './answer-headers.js';
import { readRequestBody } from './body.js';
import { dropBefore, dropMidway, stallUpload, statusAnswer } from './fault-answers.js';
import type { FaultRule } from './fault-rules.js';
import { noteFault } from './request-notes.js';
import { type Face, requestOperation } from './request-operation.js';

/** A short name of what a rule did, for the journal and the inspector. */
export function faultAction(rule: FaultRule): string {
  const parts: string[] = [];
  if (rule.latencyMs !== undefined) parts.push(`latency ${rule.latencyMs}ms`);
  if (rule.status !== undefined) parts.push(`status ${rule.status}`);
  if (rule.drop) parts.push(`drop ${rule.drop}`);
  if (rule.stall) parts.push('stall');
  return parts.join(', ');
}

/** The customer a request concerns, found the way a rule's `customer_id` is matched. */
async function customerOfRequest(
  c: Context,
  deps: MockDeps,
  match: OperationMatch,
): Promise<string | undefined> {
  if (match.params.id !== undefined && c.req.path.startsWith('/api/external/customer/'))
    return match.params.id;
  if (match.operationId === 'putObject') {
    const fileId = match.params.objectKey ?? '';
    const stored = await deps.store.transact(
      (state) => state.pending.get(fileId)?.customerId ?? state.files.get(fileId)?.customerId,
    );
    return stored ?? decodeUploadTicket(new URL(c.req.url).searchParams.get(UPLOAD_PARAM))?.customerId;
  }
  const body = await readRequestBody(c).catch(() => undefined);
  const id =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).customer_id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Applies the first matching fault of `deps.faults` (README "Faults"): latency (wall time), then a status
 * with its documented body, a dropped connection or a stalled upload. A request no rule names costs one lookup.
 */
export function injectFaults(deps: MockDeps, face: Face): MiddlewareHandler {
  return async (c, next) => {
    if (!deps.faults.any()) return next();
    const match = requestOperation(c, face);
    if (!match || !deps.faults.names(match.operationId)) return next();
    const now = deps.clock.now();
    const customer = deps.faults.needsCustomer(match.operationId, now)
      ? await customerOfRequest(c, deps, match)
      : undefined;
    const rule = deps.faults.take(match.operationId, customer, now);
    if (!rule) return next();
    noteFault(c, { id: rule.id, action: faultAction(rule) });
    noteHeader(c, 'x-mock-fault', rule.id);
    if (rule.latencyMs) await deps.faults.sleep(rule.latencyMs);
    if (rule.status !== undefined) return statusAnswer(c, deps, rule, face);
    if (rule.drop === 'before') return dropBefore(c);
    if (rule.stall) return stallUpload(c, deps);
    await next();
    if (rule.drop === 'mid') c.res = await dropMidway(c, c.res);
  };
}
