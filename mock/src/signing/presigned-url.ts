import { createHmac, timingSafeEqual } from 'node:crypto';

/** The query parameters an S3-style presigned URL carries, in the order S3 writes them. */
export const PRESIGN_PARAMS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
] as const;

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SIGNATURE_SHAPE = /^[0-9a-f]{64}$/;
const ACCESS_KEY = 'BLAAIZMOCKACCESSKEY';

export interface PresignInput {
  method: 'PUT' | 'GET';
  baseUrl: string;
  path: string;
  issuedAtMs: number;
  expiresSeconds: number;
  secret: string;
  /**
   * What the URL's PUT needs to know about its upload, already in URL-safe form (`encodeUploadTicket`):
   * signed with the rest, so the object store keeps no record per issued URL.
   */
  upload?: string;
}

/** The signed query parameter carrying an upload's ticket (after the `X-Amz-*` ones in sorted order). */
export const UPLOAD_PARAM = 'x-blaaiz-upload';

function amzDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** The query's date part for the last second asked: presigns of one second share it (built once). */
let lastSecond = Number.NaN;
let lastDateQuery = '';

function dateQuery(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    const date = amzDate(ms);
    const credential = encodeURIComponent(`${ACCESS_KEY}/${date.slice(0, 8)}/us-east-1/s3/aws4_request`);
    lastDateQuery = `X-Amz-Algorithm=${ALGORITHM}&X-Amz-Credential=${credential}&X-Amz-Date=${date}`;
    lastSecond = second;
  }
  return lastDateQuery;
}

function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s);
  return Number.isNaN(ms) ? undefined : ms;
}

function canonical(method: string, path: string, params: URLSearchParams): string {
  const pairs = [...params.entries()]
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .sort();
  return `${method}\n${path}\n${pairs.join('&')}`;
}

function signature(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/**
 * Builds an S3-shaped URL signed with HMAC-SHA256 over method, path and every other query parameter.
 * The parameters are written in sorted order, so the query string is its own canonical form.
 */
export function createPresignedUrl(input: PresignInput): string {
  const upload = input.upload === undefined ? '' : `&${UPLOAD_PARAM}=${input.upload}`;
  const query = `${dateQuery(input.issuedAtMs)}&X-Amz-Expires=${input.expiresSeconds}&X-Amz-SignedHeaders=host${upload}`;
  const signed = signature(input.secret, `${input.method}\n${input.path}\n${query}`);
  return `${input.baseUrl}${input.path}?${query}&X-Amz-Signature=${signed}`;
}

export type PresignCheck =
  | { ok: true; expiresAtMs: number }
  | { ok: false; fault: 'missing-parameters' | 'bad-algorithm' | 'signature' | 'expired'; detail: string };

/** Checks a presigned request: every parameter present, signature matches, not expired at `nowMs`. */
export function verifyPresignedUrl(
  method: string,
  path: string,
  params: URLSearchParams,
  secret: string,
  nowMs: number,
): PresignCheck {
  const missing = PRESIGN_PARAMS.filter((key) => !params.get(key));
  if (missing.length > 0) {
    return {
      ok: false,
      fault: 'missing-parameters',
      detail: `Missing query parameters: ${missing.join(', ')}`,
    };
  }
  if (params.get('X-Amz-Algorithm') !== ALGORITHM) {
    return { ok: false, fault: 'bad-algorithm', detail: `X-Amz-Algorithm must be ${ALGORITHM}` };
  }
  const signatures = params.getAll('X-Amz-Signature');
  const expected = Buffer.from(signature(secret, canonical(method, path, params)), 'hex');
  // Only the spelling the mock issues counts: one signature, 64 lower-case hex digits (Buffer.from would
  // otherwise ignore case and trailing junk).
  const given =
    signatures.length === 1 && SIGNATURE_SHAPE.test(signatures[0] ?? '') ? signatures[0] : undefined;
  if (given === undefined || !timingSafeEqual(Buffer.from(given, 'hex'), expected)) {
    return {
      ok: false,
      fault: 'signature',
      detail: 'The request signature we calculated does not match the signature you provided.',
    };
  }
  const issued = parseAmzDate(params.get('X-Amz-Date') ?? '');
  const lifetime = Number(params.get('X-Amz-Expires'));
  if (issued === undefined || !Number.isInteger(lifetime)) {
    return { ok: false, fault: 'signature', detail: 'X-Amz-Date or X-Amz-Expires is malformed.' };
  }
  const expiresAtMs = issued + lifetime * 1000;
  if (nowMs >= expiresAtMs) return { ok: false, fault: 'expired', detail: 'Request has expired' };
  return { ok: true, expiresAtMs };
}
