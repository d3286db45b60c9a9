import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { customAlphabet } from 'nanoid';
import { answerHeaders } from './answer-headers.js';
import { noteResponseBody } from './request-notes.js';

/** The object store's errors, as S3 names them. */
export const S3_ERRORS = {
  AuthorizationQueryParametersError: 400,
  EntityTooLarge: 400,
  IncompleteBody: 400,
  SignatureDoesNotMatch: 403,
  AccessDenied: 403,
  NoSuchKey: 404,
  MethodNotAllowed: 405,
  ServiceUnavailable: 503,
  InternalError: 500,
  SlowDown: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type S3ErrorCode = keyof typeof S3_ERRORS;

/** S3-like request ids: 16 upper-case hex characters. */
const requestId = customAlphabet('0123456789ABCDEF', 16);

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** S3's XML `<Error>` document (also written raw by the listener for requests Node could not parse). */
export function s3ErrorXml(code: string, message: string, resource: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>` +
    `<Resource>${escapeXml(resource)}</Resource><RequestId>${requestId()}</RequestId></Error>`
  );
}

/** The one place the object store writes an error: S3's XML `<Error>` body with its status. */
export function s3Error(c: Context, code: S3ErrorCode, message: string, resource: string): Response {
  const body = s3ErrorXml(code, message, resource);
  noteResponseBody(c, body);
  return new Response(body, {
    status: S3_ERRORS[code],
    headers: answerHeaders(c, { 'Content-Type': 'application/xml' }),
  });
}
