import type { components } from '../../mock/src/generated/openapi.js';
import { sendRequest, splitIntoChunks, type WireResponse } from './node-http.js';

/**
 * The scopes the official SDKs request by default, in their order, as their token requests send them
 * (version 1.5+ adds `compliance-kyc:pii:read`, which no bundle includes).
 */
export const OFFICIAL_SDK_SCOPES = [
  'wallet:read',
  'currency:read',
  'bank:read',
  'customer:read',
  'customer:write',
  'beneficiary:read',
  'virtual-account:read',
  'virtual-account:create',
  'virtual-account:close',
  'collection:create',
  'collection:crypto:create',
  'collection:interac:accept',
  'payout:create',
  'swap:create',
  'transaction:read',
  'fees:read',
  'file:upload',
  'webhook:read',
  'webhook:write',
  'webhook:replay',
  'rates:read',
  'compliance-kyc:read',
  'compliance-kyc:create',
  'compliance-kyc:cancel',
  'compliance-kyc:pii:read',
] as const;

/** How an SDK call authenticates: an OAuth bearer token or the deprecated legacy key. */
export type SdkAuth = { token: string } | { apiKey: string };

/** The error body the SDKs read on a failed call: a `message` and maybe a `code`. */
export interface SdkError {
  message: string;
  code?: string;
  errors?: Record<string, string[]>;
}

/** `POST /oauth/token` as the SDKs send it: a urlencoded form with the client credentials in the body. */
export function requestToken(baseUrl: string, clientId: string, clientSecret: string, scope: string) {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
    scope,
  }).toString();
  return sendRequest<{ access_token: string; token_type: string; expires_in: number } & Partial<SdkError>>(
    new URL('/oauth/token', baseUrl),
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': form.length },
      chunks: [form],
    },
  );
}

/** An API call as the SDKs make it: JSON written in chunks with no Content-Length; no body when `body` is absent. */
export function callApi<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  auth: SdkAuth,
  body?: unknown,
): Promise<WireResponse<T & Partial<SdkError>>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if ('token' in auth) headers.Authorization = `Bearer ${auth.token}`;
  else headers['x-blaaiz-api-key'] = auth.apiKey;
  return sendRequest(new URL(path, baseUrl), {
    method,
    headers,
    ...(body === undefined ? {} : { chunks: splitIntoChunks(JSON.stringify(body)) }),
  });
}

/** `POST /api/external/file/get-presigned-url` as the SDKs send it (JSON in chunks); answers the flat presign. */
export function requestPresign(baseUrl: string, auth: SdkAuth, customerId: string, category = 'identity') {
  return callApi<components['schemas']['PresignResponse']>(
    baseUrl,
    'POST',
    '/api/external/file/get-presigned-url',
    auth,
    {
      customer_id: customerId,
      file_category: category,
    },
  );
}

/**
 * The upload step of the official Node SDK: `https.request` PUT of the bytes to the presigned URL.
 * Fails, as every SDK does, on a non-2xx answer or when no `ETag` comes back; returns the ETag.
 */
export async function putToPresignedUrl(
  url: string,
  bytes: Uint8Array,
  options: { contentType: string; ca?: string | null },
): Promise<string> {
  const response = await sendRequest(url, {
    method: 'PUT',
    https: true,
    headers: { 'Content-Type': options.contentType, 'Content-Length': bytes.byteLength },
    chunks: [bytes],
    ...(options.ca ? { ca: options.ca } : {}),
  });
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`Upload failed with status ${response.status}: ${response.text}`);
  }
  const etag = response.headers.etag;
  if (!etag) throw new Error('Upload failed: the object store answered without an ETag header');
  return etag;
}
