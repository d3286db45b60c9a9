import type { MockState } from '../store/state.js';

/** A JSON snapshot of a state at virtual time `now` for `GET /__mock/state` (deterministic order, no secrets). */
export function describeState(state: MockState, now: number) {
  return {
    now: new Date(now).toISOString(),
    clock_offset_seconds: state.clockOffsetMs / 1000,
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
    webhook: state.webhook && {
      id: state.webhook.id,
      collection_url: state.webhook.collection_url,
      payout_url: state.webhook.payout_url,
      kyc_url: state.webhook.kyc_url,
    },
    webhook_events: state.webhookEvents.length,
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
