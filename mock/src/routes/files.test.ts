import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { makeTestMock, T0 } from '../test-kit.js';

const PATH = '/api/external/file/get-presigned-url';

describe('POST /api/external/file/get-presigned-url', async () => {
  const mock = await makeTestMock();
  const token = await mock.token();

  it('answers the flat response with an S3-shaped URL valid five minutes', async () => {
    const res = await mock.call('POST', PATH, {
      token,
      body: { customer_id: DEMO_IDS.individual, file_category: 'identity' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      message: 'Upload URL generated successfully',
      headers: { 'x-amz-acl': 'private' },
    });
    expect(res.json.file_id).toMatch(/^[0-9a-f-]{36}$/);
    const url = new URL(res.json.url);
    expect(url.origin).toBe('https://storage.test');
    expect(url.pathname).toBe(`/blaaiz-uploads/${res.json.file_id}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-Date')).toBe(new Date(T0).toISOString().replace(/[-:]|\.\d{3}/g, ''));
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(['identity', 'identity_back', 'proof_of_address', 'liveness_check'])(
    'accepts category %s',
    async (category) => {
      const res = await mock.call('POST', PATH, {
        token,
        body: { customer_id: DEMO_IDS.individual, file_category: category },
      });
      expect(res.status).toBe(200);
    },
  );

  it.each([
    [
      'a business customer',
      { customer_id: DEMO_IDS.business, file_category: 'identity' },
      400,
      /individual customers only/,
    ],
    [
      'an unknown customer',
      { customer_id: '00000000-0000-4000-8000-000000000000', file_category: 'identity' },
      404,
      /^Customer not found$/,
    ],
    [
      'an unknown category',
      { customer_id: DEMO_IDS.individual, file_category: 'selfie' },
      422,
      /file category is invalid/,
    ],
    [
      'an owner category',
      { customer_id: DEMO_IDS.individual, file_category: 'id_document_front' },
      422,
      /file category is invalid/,
    ],
    ['no category', { customer_id: DEMO_IDS.individual }, 422, /file category field is required/],
    ['a numeric customer id', { customer_id: 42, file_category: 'identity' }, 422, /customer id/],
    ['an array body', [1, 2], 422, /JSON object/],
  ])('refuses %s', async (_label, body, status, message) => {
    const res = await mock.call('POST', PATH, { token, body });
    expect(res.status).toBe(status);
    expect(res.json.message).toMatch(message);
  });

  it('answers 422 with Laravel field errors', async () => {
    const res = await mock.call('POST', PATH, {
      token,
      body: { customer_id: DEMO_IDS.individual, file_category: 'selfie' },
    });
    expect(res.json.errors).toEqual({ file_category: ['The selected file category is invalid.'] });
  });

  it('needs file:upload', async () => {
    const noUpload = await mock.token('mock-no-upload', 'customer:read customer:write');
    const res = await mock.call('POST', PATH, {
      token: noUpload,
      body: { customer_id: DEMO_IDS.individual, file_category: 'identity' },
    });
    expect(res.status).toBe(403);
    expect(res.json.message).toContain('file:upload');
  });

  it('answers malformed JSON with a 400, and a bodiless JSON POST with a 422', async () => {
    const bad = await mock.call('POST', PATH, {
      token,
      rawBody: '{"customer_id": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/not valid JSON/);
    const empty = await mock.call('POST', PATH, { token, headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(422);
    expect(Object.keys(empty.json.errors).sort()).toEqual(['customer_id', 'file_category']);
  });

  it('reads a chunked body (no Content-Length)', async () => {
    const bytes = new TextEncoder().encode(
      JSON.stringify({ customer_id: DEMO_IDS.individual, file_category: 'identity' }),
    );
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes.slice(0, 10));
        controller.enqueue(bytes.slice(10));
        controller.close();
      },
    });
    const res = await mock.api.request(PATH, {
      method: 'POST',
      body: stream,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
  });

  it('answers 413 for a JSON body over 1 MB', async () => {
    const res = await mock.call('POST', PATH, {
      token,
      body: { customer_id: 'x'.repeat(1024 * 1024), file_category: 'identity' },
    });
    expect(res.status).toBe(413);
    expect(res.json.message).toMatch(/1 MB/);
  });
});
