import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying the signature of a webhook delivery (api-contract §5). */
export const SIGNATURE_HEADER = 'x-blaaiz-signature';
/** Header carrying the unix time (seconds, as a string) the signature covers. */
export const TIMESTAMP_HEADER = 'x-blaaiz-timestamp';

/** The signature of a delivery: lowercase hex HMAC-SHA256 of `{timestamp}.{rawBody}` keyed by the signing secret. */
export function signWebhook(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

/** Checks a delivery's signature in constant time; what a receiver does with the two headers. */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | undefined,
  rawBody: string,
  signature: string | undefined,
): boolean {
  if (!timestamp || !signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
