import type { MockDeps } from '../deps.js';

/** A JSON snapshot of an instance's state for `GET /__mock/state` (deterministic order, no secrets). */
export function describeState(deps: MockDeps) {
  const { state, clock } = deps;
  return {
    now: new Date(clock.now()).toISOString(),
    clock_offset_seconds: clock.offsetSeconds(),
    clients: [...state.clients.values()].map((client) => ({
      client_id: client.clientId,
      scopes: client.scopes,
      description: client.description,
    })),
    customers: [...state.customers.values()].map((record) => ({
      ...record.view,
      slots: record.slots,
      review_due_at: record.reviewDueAt === undefined ? null : new Date(record.reviewDueAt).toISOString(),
    })),
    uploads: {
      pending: state.pending.size,
      files: [...state.files.values()].map((file) => ({
        file_id: file.fileId,
        customer_id: file.customerId,
        category: file.category,
        size: file.size,
        etag: `"${file.md5}"`,
        content_type: file.contentType,
        detected_mime: file.detectedMime,
        attached_to: file.attachedTo ?? null,
      })),
    },
  };
}
