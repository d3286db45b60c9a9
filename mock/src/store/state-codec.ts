import {
  type ClientRecord,
  type CustomerRecord,
  createState,
  type MockState,
  type PendingUpload,
  registrationKeyOf,
  type StatusEvent,
  type StoredFile,
} from './state.js';
import type { WebhookEvent, WebhookRegistration } from './webhook-state.js';

/** Version of the encoded state; `decodeState` refuses any other, so a store never misreads old data. */
export const STATE_FORMAT_VERSION = 2;

/** A customer as stored: its view and slots, the owner slot map and document files as plain objects. */
export interface EncodedCustomer {
  view: CustomerRecord['view'];
  slots: CustomerRecord['slots'];
  ownerSlots: Record<string, { front?: string; back?: string }>;
  documentFiles: Record<string, string>;
  reviewDueAt?: number;
  seq: number;
}

/** The whole state as plain JSON: what every store persists (derived indexes are left out). */
export interface EncodedState {
  version: typeof STATE_FORMAT_VERSION;
  epoch: number;
  clockOffsetMs: number;
  nextSeq: number;
  nextEventSeq: number;
  clients: ClientRecord[];
  legacyKeys: string[];
  customers: EncodedCustomer[];
  pending: PendingUpload[];
  files: StoredFile[];
  outbox: StatusEvent[];
  webhook: WebhookRegistration | null;
  webhookEvents: WebhookEvent[];
}

/** A customer record as plain JSON. */
export function encodeCustomer(record: CustomerRecord): EncodedCustomer {
  return {
    view: record.view,
    slots: record.slots,
    ownerSlots: Object.fromEntries(record.ownerSlots),
    documentFiles: Object.fromEntries(record.documentFiles),
    ...(record.reviewDueAt === undefined ? {} : { reviewDueAt: record.reviewDueAt }),
    seq: record.seq,
  };
}

/** The state as one JSON-safe value; `JSON.stringify` of it is the stored form. */
export function encodeState(state: MockState): EncodedState {
  return {
    version: STATE_FORMAT_VERSION,
    epoch: state.epoch,
    clockOffsetMs: state.clockOffsetMs,
    nextSeq: state.nextSeq,
    nextEventSeq: state.nextEventSeq,
    clients: [...state.clients.values()],
    legacyKeys: [...state.legacyKeys],
    customers: [...state.customers.values()].map(encodeCustomer),
    // An upload streaming in belongs to the process receiving it: a decoded state has none in flight.
    pending: [...state.pending.values()].map((pending) => ({ ...pending, inFlight: false })),
    files: [...state.files.values()],
    outbox: state.outbox,
    webhook: state.webhook,
    // A lease belongs to the process sending the attempt; it stays, so another instance waits it out.
    webhookEvents: state.webhookEvents,
  };
}

/** A customer record from its stored form. */
export function decodeCustomer(encoded: EncodedCustomer): CustomerRecord {
  return {
    view: encoded.view,
    slots: encoded.slots,
    ownerSlots: new Map(Object.entries(encoded.ownerSlots)),
    documentFiles: new Map(Object.entries(encoded.documentFiles)),
    ...(encoded.reviewDueAt === undefined ? {} : { reviewDueAt: encoded.reviewDueAt }),
    seq: encoded.seq,
  };
}

/** Rebuilds what the state derives from its records: the registration and review indexes, the sweep mark. */
export function rebuildIndexes(state: MockState): void {
  state.registrations.clear();
  state.reviewing.clear();
  for (const record of state.customers.values()) {
    const key = registrationKeyOf(record.view);
    if (key !== undefined) state.registrations.set(key, record.view.id);
    if (record.reviewDueAt !== undefined) state.reviewing.add(record.view.id);
  }
  state.sweepAfter = Number.POSITIVE_INFINITY;
  for (const pending of state.pending.values())
    state.sweepAfter = Math.min(state.sweepAfter, pending.expiresAt);
}

/** The state from its encoded form (a copy: nothing is shared with `encoded`); other versions are refused. */
export function decodeState(encoded: unknown): MockState {
  const version = (encoded as { version?: unknown } | null)?.version;
  if (version !== STATE_FORMAT_VERSION) {
    throw new Error(
      `state format version ${String(version)} is not supported (this version reads ${STATE_FORMAT_VERSION})`,
    );
  }
  const copy = structuredClone(encoded) as EncodedState;
  const state = createState();
  Object.assign(state, {
    epoch: copy.epoch,
    clockOffsetMs: copy.clockOffsetMs,
    nextSeq: copy.nextSeq,
    nextEventSeq: copy.nextEventSeq,
    outbox: copy.outbox,
    webhook: copy.webhook,
    webhookEvents: copy.webhookEvents,
  });
  for (const client of copy.clients) state.clients.set(client.clientId, client);
  for (const key of copy.legacyKeys) state.legacyKeys.add(key);
  for (const customer of copy.customers) state.customers.set(customer.view.id, decodeCustomer(customer));
  for (const pending of copy.pending) state.pending.set(pending.fileId, pending);
  for (const file of copy.files) state.files.set(file.fileId, file);
  rebuildIndexes(state);
  return state;
}
