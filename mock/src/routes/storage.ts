import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { sniffMime } from '../core/sniff-mime.js';
import { decodeUploadTicket, type UploadTicket } from '../core/upload-ticket.js';
import { claimUpload, completeUpload, releaseUpload } from '../core/uploads.js';
import type { MockDeps } from '../deps.js';
import { answerHasNotedHeaders, answerHeaders, noteHeader } from '../http/answer-headers.js';
import { nodeIncoming, requestHeader } from '../http/body.js';
import { injectFaults } from '../http/fault-middleware.js';
import { journalRequests } from '../http/journal-middleware.js';
import { UPLOAD_PREFIX } from '../http/object-urls.js';
import { noteCustomer, noteUpload } from '../http/request-notes.js';
import { s3Error } from '../http/s3-errors.js';
import { UPLOAD_PARAM, verifyPresignedUrl } from '../signing/presigned-url.js';
import { StateWriteError } from '../store/file-store.js';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, x-amz-request-id',
};

const CLAIM_FAILURES = {
  used: 'This presigned URL has already been used: it allows one upload.',
  busy: 'An upload through this presigned URL is already in progress.',
  unknown: 'This upload is no longer known to the object store (was the mock reset?).',
} as const;

/** What a verified URL says about its upload: the signed ticket and the URL's expiry. */
type Verified = { ticket: UploadTicket | undefined; expiresAt: number };

function checkSignature(
  c: Context,
  deps: MockDeps,
  method: 'PUT' | 'GET',
): { denied: Response } | { denied?: undefined; verified: Verified } {
  const url = new URL(c.req.url);
  const check = verifyPresignedUrl(
    method,
    url.pathname,
    url.searchParams,
    deps.config.signingSecret,
    deps.clock.now(),
  );
  if (check.ok)
    return {
      verified: {
        ticket: decodeUploadTicket(url.searchParams.get(UPLOAD_PARAM)),
        expiresAt: check.expiresAtMs,
      },
    };
  const code = {
    'missing-parameters': 'AuthorizationQueryParametersError',
    'bad-algorithm': 'AuthorizationQueryParametersError',
    signature: 'SignatureDoesNotMatch',
    expired: 'AccessDenied',
  } as const;
  return { denied: s3Error(c, code[check.fault], check.detail, url.pathname) };
}

async function putObject(c: Context, deps: MockDeps, fileId: string): Promise<Response> {
  const checked = checkSignature(c, deps, 'PUT');
  if (checked.denied) return checked.denied;
  const { ticket, expiresAt } = checked.verified;
  const resource = `${UPLOAD_PREFIX}${fileId}`;
  const limit = deps.config.maxUploadBytes;
  const declared = Number(requestHeader(c, 'content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    return s3Error(
      c,
      'EntityTooLarge',
      `Your proposed upload exceeds the maximum allowed size of ${limit} bytes.`,
      resource,
    );
  }
  const claim = await deps.store.transact((state, now) => {
    const claimed = claimUpload(state, fileId, now, ticket && { ticket, expiresAt });
    const customerId = state.pending.get(fileId)?.customerId ?? state.files.get(fileId)?.customerId;
    return { ...claimed, epoch: state.epoch, customerId };
  });
  if (claim.customerId !== undefined) noteCustomer(c, claim.customerId);
  if (!claim.ok)
    return s3Error(
      c,
      claim.reason === 'unknown' ? 'NoSuchKey' : 'AccessDenied',
      CLAIM_FAILURES[claim.reason],
      resource,
    );
  const written = await deps.objects.write(fileId, nodeIncoming(c) ?? c.req.raw.body, limit);
  noteUpload(c, { size: written.size, md5: written.ok ? written.md5 : null });
  const recorded = await deps.store.transact((state, now) => {
    // The mock was reset while the bytes streamed in: the upload belongs to a state that is gone.
    if (state.epoch !== claim.epoch) return false;
    if (!written.ok) releaseUpload(state, fileId);
    else
      completeUpload(state, fileId, {
        size: written.size,
        md5: written.md5,
        contentType: requestHeader(c, 'content-type') ?? null,
        detectedMime: sniffMime(written.head),
        uploadedAt: now,
      });
    return true;
  });
  if (!recorded) {
    if (written.ok) await deps.objects.remove(fileId);
    return s3Error(c, 'NoSuchKey', CLAIM_FAILURES.unknown, resource);
  }
  if (!written.ok) {
    if (written.reason === 'too-large') {
      return s3Error(
        c,
        'EntityTooLarge',
        `Your proposed upload exceeds the maximum allowed size of ${limit} bytes.`,
        resource,
      );
    }
    return s3Error(
      c,
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header.',
      resource,
    );
  }
  return new Response(null, {
    status: 200,
    headers: answerHeaders(c, { ETag: `"${written.md5}"`, 'Content-Length': '0' }),
  });
}

/** The fake S3 bucket: presigned PUT (operationId `putObject`), signed GET of uploads, CORS preflight. */
export function storageRoutes(deps: MockDeps): Hono {
  const app = new Hono();
  app.use('*', journalRequests(deps, 'storage'));
  app.use('*', async (c, next) => {
    // Noted first, so every answer built with `answerHeaders` carries them without a Headers object.
    for (const [name, value] of Object.entries(CORS)) noteHeader(c, name, value);
    await next();
    if (!answerHasNotedHeaders(c) && !c.res.headers.has('x-hono-already-sent'))
      for (const [name, value] of Object.entries(CORS)) c.res.headers.set(name, value);
  });
  app.use('*', injectFaults(deps, 'storage'));
  app.options(
    `${UPLOAD_PREFIX}:fileId`,
    (c) =>
      new Response(null, {
        status: 204,
        headers: answerHeaders(c, {
          'Access-Control-Allow-Methods': 'PUT, GET, HEAD, OPTIONS',
          'Access-Control-Allow-Headers': c.req.header('access-control-request-headers') ?? '*',
          'Access-Control-Max-Age': '3000',
        }),
      }),
  );
  app.put(`${UPLOAD_PREFIX}:fileId`, (c) => putObject(c, deps, c.req.param('fileId')));
  app.get(`${UPLOAD_PREFIX}:fileId`, async (c) => {
    const checked = checkSignature(c, deps, 'GET');
    if (checked.denied) return checked.denied;
    const file = await deps.store.transact((state) => state.files.get(c.req.param('fileId')));
    if (!file)
      return s3Error(c, 'NoSuchKey', 'The specified key does not exist.', new URL(c.req.url).pathname);
    const stream = Readable.toWeb(deps.objects.read(file.fileId)) as ReadableStream<Uint8Array>;
    return new Response(stream, {
      status: 200,
      headers: answerHeaders(c, {
        'Content-Type': file.contentType ?? file.detectedMime ?? 'application/octet-stream',
        'Content-Length': String(file.size),
        ETag: `"${file.md5}"`,
      }),
    });
  });
  app.all(`${UPLOAD_PREFIX}:fileId`, (c) => {
    const url = new URL(c.req.url);
    return s3Error(c, 'SignatureDoesNotMatch', `The URL is not signed for ${c.req.method}.`, url.pathname);
  });
  app.notFound((c) =>
    s3Error(c, 'NoSuchKey', 'The specified key does not exist.', new URL(c.req.url).pathname),
  );
  app.onError((error, c) => {
    const resource = new URL(c.req.url).pathname;
    if (error instanceof StateWriteError)
      return s3Error(
        c,
        'ServiceUnavailable',
        `The mock could not save the change: ${error.message}`,
        resource,
      );
    console.error(error);
    return c.text('Internal Server Error', 500);
  });
  return app;
}
