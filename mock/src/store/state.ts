import type { Scope } from '../core/scopes.js';
import type { components } from '../generated/openapi.js';

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

/** Everything the mock stores; one per app instance, never shared. */
export interface MockState {
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
}

/** Makes an empty state. */
export function createState(): MockState {
  return {
    clients: new Map(),
    legacyKeys: new Set(),
    customers: new Map(),
    pending: new Map(),
    sweepAfter: Number.POSITIVE_INFINITY,
    files: new Map(),
    registrations: new Map(),
    reviewing: new Set(),
    nextSeq: 1,
  };
}
