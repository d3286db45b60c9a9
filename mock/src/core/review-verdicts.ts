import type { CustomerRecord, IndividualSlot, MockState } from '../store/state.js';

/** Outcome of a customer's review. */
export type ReviewOutcome = 'VERIFIED' | 'REJECTED';
/** Outcome of an owner's or document's review. */
export type ChildOutcome = 'APPROVED' | 'REJECTED';

/** A review verdict: the customer's outcome, a comment, and per-owner / per-document outcomes. */
export interface ReviewVerdict {
  outcome: ReviewOutcome;
  comment?: string;
  owners?: Record<string, ChildOutcome>;
  documents?: Record<string, ChildOutcome>;
}

/** `reviewDueAt` of a review that only the forced-review control ends (the `+hold` e-mail). */
export const HELD_REVIEW_DUE_AT = 8.64e15;

const HOLD = /\+hold(?=[+@]|$)/i;
const REJECT = /\+reject(?:-([a-z0-9][a-z0-9-]*))?/i;

/** Whether a customer's review waits for the forced-review control (an e-mail with `+hold`). */
export function isHeldByEmail(email: string): boolean {
  return HOLD.test(email.split('@')[0] ?? '');
}

/** The rejection an e-mail asks for: `+reject`, or `+reject-identity-document-expired` with that comment. */
export function rejectionByEmail(email: string): string | undefined {
  const match = REJECT.exec(email.split('@')[0] ?? '');
  if (!match) return undefined;
  const words = match[1]?.replace(/-+/g, ' ').trim();
  if (!words) return 'Rejected by the mock review: the e-mail address contains +reject.';
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

/** Slots of an individual whose attached file is not a PDF/JPEG/PNG by its bytes (what a reviewer cannot read). */
function unreadableSlots(state: MockState, record: CustomerRecord): IndividualSlot[] {
  return (Object.entries(record.slots) as [IndividualSlot, string | undefined][])
    .filter(([, fileId]) => fileId !== undefined && state.files.get(fileId)?.detectedMime === null)
    .map(([slot]) => slot);
}

/** A business's owners and documents still REJECTED: never edited since the last review. */
function unfixedChildren(record: CustomerRecord): ReviewVerdict | undefined {
  const owners = (record.view.owners ?? []).filter((owner) => owner.status === 'REJECTED');
  const documents = (record.view.documents ?? []).filter((document) => document.status === 'REJECTED');
  if (owners.length === 0 && documents.length === 0) return undefined;
  const named = [
    ...owners.map((owner) => `owner ${owner.first_name} ${owner.last_name}`),
    ...documents.map((document) => `document ${document.name}`),
  ];
  return {
    outcome: 'REJECTED',
    comment: `Rejected again: not fixed since the last review: ${named.join(', ')}.`,
    owners: Object.fromEntries(owners.map((owner) => [owner.id, 'REJECTED' as const])),
    documents: Object.fromEntries(documents.map((document) => [document.id, 'REJECTED' as const])),
  };
}

/**
 * The verdict the mock reaches by itself (README "Review outcomes"): a file that is not a document
 * rejects an individual, an unfixed owner or document rejects a business again, `+reject` e-mails reject.
 */
export function defaultVerdict(state: MockState, record: CustomerRecord): ReviewVerdict {
  const unreadable = record.view.type === 'individual' ? unreadableSlots(state, record) : [];
  if (unreadable.length > 0) {
    return {
      outcome: 'REJECTED',
      comment: `Document could not be read: ${unreadable.join(', ')} is not a PDF, JPEG or PNG file.`,
    };
  }
  const unfixed = record.view.type === 'business' ? unfixedChildren(record) : undefined;
  if (unfixed) return unfixed;
  const rejection = rejectionByEmail(record.view.email);
  return rejection ? { outcome: 'REJECTED', comment: rejection } : { outcome: 'VERIFIED' };
}
