import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/demo-data.js';
import { MAX_JSON_BYTES } from '../../src/http/body.js';
import { callJson, expectApiRefusal, inProcessTarget, socketTarget, type Target } from './abuse-kit.js';

const PRESIGN = '/api/external/file/get-presigned-url';

/** A JSON body of exactly `bytes` bytes that the presign schema refuses (422) when it is read. */
function jsonOfSize(bytes: number): string {
  const frame = '{"customer_id":1,"pad":""}';
  return frame.replace('""', `"${'x'.repeat(bytes - frame.length)}"`);
}

/** The same bytes as a stream, so no Content-Length is sent (chunked over a socket). */
function streamed(text: string): ReadableStream<Uint8Array> {
  const bytes = Buffer.from(text);
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 64 * 1024)
        controller.enqueue(bytes.subarray(at, at + 64 * 1024));
      controller.close();
    },
  });
}

describe.each([
  ['in process', inProcessTarget],
  ['over sockets', () => socketTarget({ config: { maxUploadBytes: 256 * 1024 } })],
])('size limits (%s)', (_label, start) => {
  let target: Target;
  beforeAll(async () => {
    target = await start();
  });
  afterAll(() => target.close());

  const post = (path: string, body: string | ReadableStream<Uint8Array>, type = 'application/json') =>
    target.send(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.token}`, 'content-type': type },
      body,
      ...(typeof body === 'string' ? {} : { duplex: 'half' }),
    } as RequestInit);

  it.each([
    ['with Content-Length', (text: string) => text],
    ['chunked, without Content-Length', streamed],
  ])(
    'a JSON body over the documented 1 MB answers 413 (%s); one at the limit is read',
    async (_how, wrap) => {
      for (const path of [
        PRESIGN,
        '/api/external/customer',
        `/api/external/customer/${DEMO_IDS.individual}/files`,
      ]) {
        const over = await post(path, wrap(jsonOfSize(MAX_JSON_BYTES + 1)));
        expect(over.status).toBe(413);
        await expectApiRefusal(over, path);
      }
      const atLimit = await post(PRESIGN, wrap(jsonOfSize(MAX_JSON_BYTES)));
      expect(atLimit.status).toBe(422);
      const token = await post(
        '/oauth/token',
        wrap(`grant_type=x&pad=${'x'.repeat(MAX_JSON_BYTES)}`),
        'application/x-www-form-urlencoded',
      );
      expect(token.status).toBe(413);
    },
  );

  it('the mock still answers after oversized bodies', async () => {
    const res = await callJson(target, 'POST', PRESIGN, {
      customer_id: DEMO_IDS.individual,
      file_category: 'identity',
    });
    expect(res.status).toBe(200);
  });
});
