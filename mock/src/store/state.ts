import type { Scope } from '../core/scopes.js';
import type { components } from '../generated/openapi.js';
import type { WebhookEvent, WebhookRegistration } from './webhook-state.js';

type Schemas = components['schemas'];

/** A customer as the API returns it (generated `Customer`), plus what the mock keeps beside it. */
export interface CustomerRecord {
  view: Schemas['Customer'];
  /** Individual upload slots → file_id (api-contract §4). */
  slots: Partial<Record<IndividualSlot, string>>;
  /** Owner id → its ID document slots (file ids). */
  ownerSlots: Map<string, { front?: string; back?: string }>;
  /** KYB document id → the file it was registered with. */
  documentFiles: Map<string, string>;
  /** Virtual time at which a verification in progress completes. */
  reviewDueAt?: number;
  /** Sequence number, so lists can be ordered newest first even within one millisecond. */
  seq: number;
}

export type FileCategory = Schemas['FileCategory'];
/** What an upload was issued for: an individual category, an owner ID side, or a KYB document. */
export type UploadCategory = FileCategory | 'id_document_front' | 'id_document_back' | 'kyb_document';
export type IndividualSlot = 'id_file' | 'id_file_back' | 'proof_of_address_file' | 'liveness_check_file';

/** A presigned upload that was issued and not yet completed. */
export interface PendingUpload {
  fileId: string;
  customerId: string;
  category: UploadCategory;
  /** The owner an owner ID upload was issued for. */
  ownerId?: string;
  expiresAt: number;
  /** Set while a PUT is streaming, so a concurrent PUT of the same URL is refused. */
  inFlight: boolean;
  /** Virtual time the PUT streaming in claimed it; a claim older than `CLAIM_LEASE_MS` was abandoned. */
  claimedAt?: number;
}

/** A completed upload: what the object store received. */
export interface StoredFile {
  fileId: string;
  customerId: string;
  category: UploadCategory;
  ownerId?: string;
  size: number;
  md5: string;
  contentType: string | null;
  /** MIME type recognised from the content's magic bytes, or null when it is none of pdf/jpeg/png. */
  detectedMime: 'application/pdf' | 'image/jpeg' | 'image/png' | null;
  uploadedAt: number;
  /** `customerId/slot` this file is attached to, once attached. */
  attachedTo?: string;
}

/** An OAuth client of the mock's platform. */
export interface ClientRecord {
  clientId: string;
  clientSecret: string;
  scopes: Scope[];
  description: string;
}

/** A customer-level `verification_status` transition, queued for delivery (webhooks drain the outbox). */
export interface StatusEvent {
  /** Position in the state's event sequence: unique and increasing. */
  seq: number;
  customer_id: string;
  from: VerificationStatus;
  to: VerificationStatus;
  comment: string | null;
  /** Virtual time of the transition, in milliseconds. */
  at: number;
}

export type VerificationStatus = Schemas['VerificationStatus'];

/**
 * Everything the mock stores: what a store persists (`state-codec.ts`) plus derived indexes
 * (`registrations`, `reviewing`, `sweepAfter`) that are rebuilt on load, never stored.
 */
export interface MockState {
  /** Incremented by every reset, so work started before a reset can tell its state is gone. */
  epoch: number;
  /** How far the virtual clock runs ahead of real time, in milliseconds. */
  clockOffsetMs: number;
  clients: Map<string, ClientRecord>;
  legacyKeys: Set<string>;
  customers: Map<string, CustomerRecord>;
  pending: Map<string, PendingUpload>;
  /** No pending upload expires before this virtual time, so sweeping earlier finds nothing. */
  sweepAfter: number;
  files: Map<string, StoredFile>;
  /** `incorporation_country:registration_number` → customer id: the per-platform unique pair. */
  registrations: Map<string, string>;
  /** Ids of customers whose review is in progress, so settling does not scan every customer. */
  reviewing: Set<string>;
  nextSeq: number;
  /** Customer status transitions not yet handed to a delivery, oldest first (bounded: `OUTBOX_MAX`). */
  outbox: StatusEvent[];
  nextEventSeq: number;
  /** The platform's webhook record, if one is registered. */
  webhook: WebhookRegistration | null;
  /** Events and their deliveries, oldest first (bounded: `WEBHOOK_LOG_MAX`, 90 days on the virtual clock). */
  webhookEvents: WebhookEvent[];
}

/** Most undelivered events kept; past it the oldest are dropped. */
export const OUTBOX_MAX = 10_000;

/** Makes an empty state. */
export function createState(): MockState {
  return {
    epoch: 0,
    clockOffsetMs: 0,
    clients: new Map(),
    legacyKeys: new Set(),
    customers: new Map(),
    pending: new Map(),
    sweepAfter: Number.POSITIVE_INFINITY,
    files: new Map(),
    registrations: new Map(),
    reviewing: new Set(),
    nextSeq: 1,
    outbox: [],
    nextEventSeq: 1,
    webhook: null,
    webhookEvents: [],
  };
}

/** The key under which a business's (registration_number, incorporation_country) pair is unique. */
export function registrationKey(number: string, country: string | null | undefined): string {
  return `${country ?? ''}:${number}`;
}

/** The uniqueness key of a customer's current pair, if it has a registration number. */
export function registrationKeyOf(view: {
  registration_number?: string | null;
  incorporation_country?: string | null;
}): string | undefined {
  return typeof view.registration_number === 'string'
    ? registrationKey(view.registration_number, view.incorporation_country)
    : undefined;
}
