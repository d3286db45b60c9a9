import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { makeTestMock, PDF_BYTES, PNG_BYTES } from '../test-kit.js';

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

describe('object store PUT', async () => {
  const mock = await makeTestMock({ config: { maxUploadBytes: 1024 } });
  afterEach(() => mock.resetClock());
  const token = await mock.token();
  const presign = async (category = 'identity') => {
    const res = await mock.call('POST', '/api/external/file/get-presigned-url', {
      token,
      body: { customer_id: DEMO_IDS.individual, file_category: category },
    });
    return { fileId: res.json.file_id as string, url: res.json.url as string };
  };
  const put = (
    url: string,
    body: NonNullable<RequestInit['body']> | null,
    headers: Record<string, string> = {},
  ) => mock.storage.request(url, { method: 'PUT', body, headers });

  it('stores the body and answers 200 with an empty body and the quoted MD5 as ETag', async () => {
    const { url, fileId } = await presign();
    const res = await put(url, PNG_BYTES, { 'content-type': 'image/png' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(res.headers.get('etag')).toBe(`"${md5(PNG_BYTES)}"`);
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(await mock.read((s) => s.files.get(fileId))).toMatchObject({
      size: PNG_BYTES.length,
      detectedMime: 'image/png',
    });
  });

  it.each([
    ['no Content-Type', {}],
    ['a form Content-Type', { 'content-type': 'application/x-www-form-urlencoded' }],
    [
      'a Content-Disposition',
      { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="id.pdf"' },
    ],
  ])('accepts %s', async (_label, headers) => {
    const { url } = await presign();
    const res = await put(url, PDF_BYTES, headers);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${md5(PDF_BYTES)}"`);
  });

  it('allows one PUT per URL', async () => {
    const { url } = await presign();
    expect((await put(url, PNG_BYTES)).status).toBe(200);
    const again = await put(url, PNG_BYTES);
    expect(again.status).toBe(403);
    const xml = await again.text();
    expect(xml).toContain('<Code>AccessDenied</Code>');
    expect(xml).toMatch(/already been used/);
  });

  it('refuses an expired URL with AccessDenied "Request has expired"', async () => {
    const { url } = await presign();
    await mock.advance(300);
    const res = await put(url, PNG_BYTES);
    expect(res.status).toBe(403);
    const xml = await res.text();
    expect(xml).toContain('<Code>AccessDenied</Code>');
    expect(xml).toContain('<Message>Request has expired</Message>');
  });

  it.each([
    [
      'X-Amz-Signature',
      (u: URL) => u.searchParams.set('X-Amz-Signature', 'f'.repeat(64)),
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'X-Amz-Date',
      (u: URL) => u.searchParams.set('X-Amz-Date', '20990101T000000Z'),
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'X-Amz-Expires',
      (u: URL) => u.searchParams.set('X-Amz-Expires', '999999'),
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'X-Amz-Credential',
      (u: URL) => u.searchParams.set('X-Amz-Credential', 'x'),
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'the path',
      (u: URL) => {
        u.pathname = `${u.pathname.slice(0, -1)}${u.pathname.endsWith('0') ? '1' : '0'}`;
      },
      403,
      'SignatureDoesNotMatch',
    ],
    [
      'a removed signature',
      (u: URL) => u.searchParams.delete('X-Amz-Signature'),
      400,
      'AuthorizationQueryParametersError',
    ],
  ])('refuses a URL with a tampered %s', async (_label, tamper, status, code) => {
    const { url } = await presign();
    const tampered = new URL(url);
    tamper(tampered);
    const res = await put(tampered.toString(), PNG_BYTES);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/xml');
    expect(await res.text()).toContain(`<Code>${code}</Code>`);
  });

  it('refuses another method on a PUT URL', async () => {
    const { url } = await presign();
    for (const method of ['POST', 'DELETE', 'GET']) {
      const res = await mock.storage.request(url, { method });
      expect(res.status, method).toBe(403);
      expect(await res.text()).toContain('SignatureDoesNotMatch');
    }
  });

  it('refuses a body over the limit with EntityTooLarge, then lets the URL be retried', async () => {
    const { url, fileId } = await presign();
    const res = await put(url, new Uint8Array(2048));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>EntityTooLarge</Code>');
    expect(await mock.read((s) => s.files.has(fileId))).toBe(false);
    expect((await put(url, PNG_BYTES)).status).toBe(200);
  });

  it('counts a chunked body against the limit too', async () => {
    const { url } = await presign();
    const chunk = new Uint8Array(600);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await mock.storage.request(url, {
      method: 'PUT',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('EntityTooLarge');
  });

  it('lets exactly one of many concurrent PUTs to one URL succeed', async () => {
    const { url } = await presign();
    const results = await Promise.all(Array.from({ length: 20 }, () => put(url, PNG_BYTES)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 403)).toHaveLength(19);
  });

  it('answers a CORS preflight', async () => {
    const { url } = await presign();
    const res = await mock.storage.request(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type,x-amz-acl',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type,x-amz-acl');
  });
});
