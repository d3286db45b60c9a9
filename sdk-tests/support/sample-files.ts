import { createHash, randomUUID } from 'node:crypto';
import type { components } from '../../mock/src/generated/openapi.js';

/** A minimal PDF (passes the mock's content check, as a scanned passport would). */
export const PASSPORT_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** A PNG signature plus padding (a selfie or a utility bill photo, as far as the mock can tell). */
export const SELFIE_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(256, 7),
]);

/** Text that is none of PDF, JPEG or PNG: the mock refuses it when attached. */
export const NOT_A_DOCUMENT = Buffer.from('just some text, not a scanned document\n');

/** The ETag S3 (and the mock) gives an object: its quoted MD5. */
export function expectedEtag(bytes: Uint8Array): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`;
}

/** A valid individual customer with a unique e-mail (`+reject` in it makes its review end REJECTED). */
export function newIndividual(
  overrides: Partial<components['schemas']['CreateCustomerRequest']> = {},
): components['schemas']['CreateCustomerRequest'] {
  return {
    type: 'individual',
    first_name: 'Chidi',
    last_name: 'Eze',
    email: `chidi.${randomUUID().slice(0, 8)}@example.com`,
    country: 'NG',
    id_type: 'passport',
    id_number: 'B98765432',
    ...overrides,
  };
}
