import type { MockState, PendingUpload, UploadCategory } from '../store/state.js';

/** What a presigned PUT needs to know about its upload, carried (signed) by the URL itself. */
export interface UploadTicket {
  /** The state's reset epoch when the URL was issued: a URL from before a reset is unknown after it. */
  epoch: number;
  customerId: string;
  category: UploadCategory;
  ownerId?: string;
}

/** The ticket of a pending upload as URL-safe text (base64url), for the presigned URL's query. */
export function encodeUploadTicket(pending: PendingUpload, epoch: number): string {
  const text = `${epoch}\n${pending.customerId}\n${pending.category}\n${pending.ownerId ?? ''}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** The ticket from its URL form, or undefined when it is not one (the URL's signature covers it). */
export function decodeUploadTicket(text: string | null): UploadTicket | undefined {
  if (!text) return undefined;
  const [epoch, customerId, category, ownerId] = Buffer.from(text, 'base64url').toString('utf8').split('\n');
  if (!customerId || !category || ownerId === undefined || !/^\d+$/.test(epoch ?? '')) return undefined;
  return {
    epoch: Number(epoch),
    customerId,
    category: category as UploadCategory,
    ...(ownerId === '' ? {} : { ownerId }),
  };
}

/** The pending upload a signed URL's ticket describes, when its state (epoch, customer) still exists. */
export function pendingFromTicket(
  state: MockState,
  fileId: string,
  ticket: UploadTicket,
  expiresAt: number,
): PendingUpload | undefined {
  if (ticket.epoch !== state.epoch || !state.customers.has(ticket.customerId)) return undefined;
  return {
    fileId,
    customerId: ticket.customerId,
    category: ticket.category,
    ...(ticket.ownerId === undefined ? {} : { ownerId: ticket.ownerId }),
    expiresAt,
    inFlight: false,
  };
}
