import type { IndividualSlot, UploadCategory } from '../store/state.js';

/**
 * Every record slot a file can be attached to, as data (api-contract §3–§4): who holds it, the request field
 * that names the file, the upload category it takes and where that category comes from at presign time.
 */
export const SLOTS = {
  id_file: { holder: 'customer', field: 'id_file', category: 'identity' },
  id_file_back: { holder: 'customer', field: 'id_file_back', category: 'identity_back' },
  proof_of_address_file: { holder: 'customer', field: 'proof_of_address_file', category: 'proof_of_address' },
  liveness_check_file: { holder: 'customer', field: 'liveness_check_file', category: 'liveness_check' },
  id_document_front: {
    holder: 'owner',
    field: 'id_document_front',
    category: 'id_document_front',
    side: 'front',
    path: 'id_document_path',
  },
  id_document_back: {
    holder: 'owner',
    field: 'id_document_back',
    category: 'id_document_back',
    side: 'back',
    path: 'id_document_back_path',
  },
  kyb_document: { holder: 'document', field: 'file_id', category: 'kyb_document' },
} as const satisfies Record<
  string,
  {
    holder: 'customer' | 'owner' | 'document';
    field: string;
    category: UploadCategory;
    side?: 'front' | 'back';
    path?: string;
  }
>;

export type SlotName = keyof typeof SLOTS;

/** The individual slots of `/customer/{id}/files`, in request order. */
export const INDIVIDUAL_SLOTS = [
  'id_file',
  'id_file_back',
  'proof_of_address_file',
  'liveness_check_file',
] as const satisfies readonly IndividualSlot[];

/** The two ID sides of an owner. */
export const OWNER_SLOTS = [SLOTS.id_document_front, SLOTS.id_document_back] as const;

/**
 * The key a file is attached under: the holder (customer, owner or document) and the slot, so sending the
 * same file to the same slot again is a harmless retry and any other use is refused.
 */
export function useKey(slot: SlotName, holderId: string): string {
  const spec = SLOTS[slot];
  if (spec.holder === 'document') return `document/${holderId}`;
  return `${holderId}/${'side' in spec ? spec.side : slot}`;
}

/** How a client obtains a file of `category`, for the message naming a category mismatch. */
export function categorySource(category: UploadCategory): string {
  return category === 'kyb_document' ? 'the document presigned-URL endpoint' : `file_category ${category}`;
}
