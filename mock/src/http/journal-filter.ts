import { ApiError } from '../errors.js';
import type { JournalFilter } from './journal.js';

function invalid(field: string, message: string): ApiError {
  return new ApiError(422, message, { [field]: [message] });
}

/** Reads `GET /__mock/requests` filters (operationId, status, customer_id, client_id, since, limit); 422 when malformed. */
export function parseJournalFilter(query: Record<string, string>): JournalFilter {
  const filter: JournalFilter = {};
  const { operationId, status, customer_id, client_id, since, limit } = query;
  if (operationId) filter.operationId = operationId;
  if (customer_id) filter.customer_id = customer_id;
  if (client_id) filter.client_id = client_id;
  if (status !== undefined) {
    const n = Number(status);
    if (!Number.isInteger(n) || n < 0 || n > 599)
      throw invalid('status', 'The status filter must be an HTTP status code (0 for no answer).');
    filter.status = n;
  }
  if (since !== undefined) {
    const at = /^\d+$/.test(since) ? Number(since) : Date.parse(since);
    if (!Number.isFinite(at))
      throw invalid('since', 'The since filter must be an ISO 8601 date-time or epoch milliseconds.');
    filter.since = at;
  }
  if (limit !== undefined) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1) throw invalid('limit', 'The limit filter must be a positive integer.');
    filter.limit = n;
  }
  return filter;
}
