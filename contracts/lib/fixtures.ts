/** Test data the suite creates on the target: its own customers (recognisable e-mails) and small files. */
import { createHash, randomUUID } from 'node:crypto';
import type { components } from '../../mock/src/generated/openapi.js';
import { api, tokenFor, uniqueTag } from './suite.js';

type Schemas = components['schemas'];
/** A file category of an individual customer. */
export type FileCategory = Schemas['FileCategory'];

/** A tiny but real PDF (magic bytes and trailer): what an integrator uploads for a passport. */
export const SAMPLE_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

/** Lowercase hex MD5, as S3 puts it (quoted) in the ETag. */
export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

/** An id no customer has: for the 404s. */
export function unknownId(): string {
  return randomUUID();
}

/** A valid individual customer, tagged with this run's id; `email` may be overridden (e.g. `+reject`). */
export function individualCustomer(tag: string = uniqueTag(), email = `contract+${tag}@example.com`) {
  return {
    type: 'individual',
    first_name: 'Contract',
    last_name: `Test ${tag}`,
    email,
    country: 'NG',
    id_type: 'passport',
    id_number: `CT${tag.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`,
  } satisfies Schemas['CreateCustomerRequest'];
}

/** An adult owner holding `percentage` %, identified by passport (front side only). */
export function owner(tag: string, percentage = 100) {
  return {
    first_name: 'Owner',
    last_name: `Test ${tag}`,
    email: `contract+owner-${tag}@example.com`,
    date_of_birth: '1980-01-15',
    nationality: 'NG',
    ownership_percentage: percentage,
    is_beneficial_owner: true,
    id_document_type: 'passport',
  } satisfies Schemas['OwnerInput'];
}

/** A valid business customer with a registration number unique to this run, and optional owners. */
export function businessCustomer(
  tag: string = uniqueTag(),
  extra: Partial<Schemas['CreateCustomerRequest']> = {},
) {
  return {
    type: 'business',
    business_name: `Contract Test ${tag} Ltd`,
    registration_number: `CT-${tag}`,
    incorporation_country: 'NG',
    country: 'NG',
    email: `contract+${tag}@example.com`,
    ...extra,
  } satisfies Schemas['CreateCustomerRequest'];
}

/** Creates an individual customer of the suite's own and returns it. */
export async function createIndividual(email?: string): Promise<Schemas['Customer']> {
  const tag = uniqueTag();
  const json = individualCustomer(tag, email ?? `contract+${tag}@example.com`);
  return (await api.call('createCustomer', 201, { token: await tokenFor(), json })).data;
}

/** Creates a business customer of the suite's own (FULL, owners as given) and returns it. */
export async function createBusiness(
  extra: Partial<Schemas['CreateCustomerRequest']> = {},
): Promise<Schemas['Customer']> {
  const json = businessCustomer(uniqueTag(), extra);
  return (await api.call('createCustomer', 201, { token: await tokenFor(), json })).data;
}

/** Asks for a presigned URL for one file of `customerId`. */
export async function presign(
  customerId: string,
  category: FileCategory,
): Promise<Schemas['PresignResponse']> {
  const json = { customer_id: customerId, file_category: category };
  return api.call('getPresignedUrl', 200, { token: await tokenFor(), json });
}

/** Presigns and PUTs `bytes` with the returned headers; resolves to the file_id once the store answered 200. */
export async function uploadFile(customerId: string, category: FileCategory, bytes = SAMPLE_PDF) {
  const issued = await presign(customerId, category);
  const headers = { ...issued.headers, 'content-type': 'application/pdf' };
  const stored = await api.putObject(issued.url, bytes, headers);
  if (stored.status !== 200) throw new Error(`putObject answered ${stored.status}: ${stored.text}`);
  return { fileId: issued.file_id, url: issued.url, etag: stored.headers.etag };
}

/** PUTs the sample PDF to a presigned upload (flat or nested answer) and returns its file_id. */
export async function putSample(upload: { file_id: string; url: string; headers: Record<string, string> }) {
  const stored = await api.putObject(upload.url, SAMPLE_PDF, {
    ...upload.headers,
    'content-type': 'application/pdf',
  });
  if (stored.status !== 200) throw new Error(`putObject answered ${stored.status}: ${stored.text}`);
  return upload.file_id;
}

/** Uploads the sample PDF as a KYB document of `customer` and registers it (a formation type by default). */
export async function registerDocument(
  customer: string,
  type: Schemas['KybDocumentType'] = 'CERTIFICATE_OF_INCORPORATION',
) {
  const token = await tokenFor();
  const { data } = await api.call('getDocumentPresignedUrl', 200, { token, params: { customer } });
  const json = { type, name: 'certificate.pdf', file_id: await putSample(data) };
  return (await api.call('registerDocument', 201, { token, params: { customer }, json })).data;
}
