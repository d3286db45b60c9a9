import type { StoredFile } from '../store/state.js';

const SIGNATURES: Array<[NonNullable<StoredFile['detectedMime']>, number[]]> = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** Bytes of a file's head that `sniffMime` needs. */
export const SNIFF_BYTES = 8;

/** Recognises pdf/jpeg/png by their magic bytes (the API checks content, not the declared type). */
export function sniffMime(head: Uint8Array): StoredFile['detectedMime'] {
  for (const [mime, bytes] of SIGNATURES) {
    if (head.length >= bytes.length && bytes.every((byte, i) => head[i] === byte)) return mime;
  }
  return null;
}
