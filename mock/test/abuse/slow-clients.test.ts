import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/demo-data.js';
import { PNG_BYTES } from '../../src/test-kit.js';
import { expectS3Refusal, startSocketMock } from './abuse-kit.js';

/** A raw TCP client: what it sent is up to the test; `closed` settles when the server hangs up. */
function rawClient(url: string, first: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  if (first) socket.write(first);
  return { socket, closed, received: () => received };
}

describe('slow and stalled clients (timeouts of 1–1.5 s)', () => {
  let mock: Awaited<ReturnType<typeof startSocketMock>>;
  let token: string;
  const presign = async () => {
    const res = await mock.send('/api/external/file/get-presigned-url', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer_id: DEMO_IDS.individual, file_category: 'identity' }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { url: string };
  };

  beforeAll(async () => {
    mock = await startSocketMock({
      timeouts: { headersMs: 1_000, requestMs: 1_500, keepAliveMs: 500 },
      config: { maxUploadBytes: 256 * 1024 },
    });
    token = await mock.tokenFor('file:upload');
  });
  afterAll(() => mock.close());

  it('are cut off, while everyone else is answered meanwhile', { timeout: 30_000 }, async () => {
    const api = mock.running.baseUrl;
    const upload = new URL((await presign()).url);
    const head = (method: string, path: string, extra = '') =>
      `${method} ${path} HTTP/1.1\r\nHost: x\r\n${extra}`;
    const stalled = Array.from({ length: 10 }, () => [
      rawClient(api, ''),
      rawClient(api, head('POST', '/oauth/token', 'Content-Type: application/json\r\n')),
      rawClient(
        api,
        `${head('POST', '/oauth/token', 'Content-Type: application/json\r\nContent-Length: 100\r\n')}\r\n{"grant`,
      ),
    ]).flat();
    const upload408 = rawClient(
      upload.origin,
      `${head('PUT', upload.pathname + upload.search, 'Content-Length: 1000\r\n')}\r\n${'x'.repeat(100)}`,
    );
    const dribbler = rawClient(api, head('GET', '/__mock/state'));
    const drip = setInterval(() => dribbler.socket.write('X-Slow: 1\r\n'), 100);
    try {
      const answered = await Promise.all(Array.from({ length: 20 }, () => presign()));
      expect(answered).toHaveLength(20);
      await Promise.all([...stalled, upload408, dribbler].map((client) => client.closed));
    } finally {
      clearInterval(drip);
    }
    for (const client of [...stalled, upload408, dribbler]) {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(client.received())?.[1];
      if (status !== undefined) expect(Number(status)).toBeLessThan(500);
    }
    // The stalled upload's claim is given back once the server has seen its connection go: the URL works again.
    let retried = 0;
    for (let attempt = 0; attempt < 50 && retried !== 200; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      retried = (await fetch(upload, { method: 'PUT', body: PNG_BYTES })).status;
    }
    expect(retried).toBe(200);
  });

  it('an upload over the limit, sent chunked, answers EntityTooLarge and leaves its URL usable', async () => {
    const { url } = await presign();
    const big = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(64 * 1024));
        controller.close();
      },
    });
    const res = await fetch(url, { method: 'PUT', body: big, duplex: 'half' } as RequestInit);
    expect(await expectS3Refusal(res)).toBe('EntityTooLarge');
    expect((await fetch(url, { method: 'PUT', body: PNG_BYTES })).status).toBe(200);
  });

  it('an upload streaming in while the mock is reset is refused, and nothing of it survives', async () => {
    const { url } = await presign();
    const chunk = Buffer.concat([PNG_BYTES, Buffer.alloc(8 * 1024)]);
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        url,
        { method: 'PUT', headers: { 'content-length': String(chunk.length * 4) } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(chunk);
      req.write(chunk, () => {
        void mock.send('/__mock/reset', { method: 'POST' }).then(async (reset) => {
          expect(reset.status).toBe(200);
          req.end(Buffer.concat([chunk, chunk]));
        }, reject);
      });
    });
    const { status, body } = await answer;
    expect(status).toBe(404);
    expect(body).toContain('<Code>NoSuchKey</Code>');
    const state = (await (await mock.send('/__mock/state', {})).json()) as {
      uploads: { pending: number; files: unknown[] };
    };
    expect(state.uploads).toEqual({ pending: 0, files: [] });
    token = await mock.tokenFor('file:upload');
  });

  it('a request Node parses but no URL can be built from still gets the API error shape', async () => {
    const client = rawClient(
      mock.running.baseUrl,
      'GET /a\\b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    await client.closed;
    const [head = '', body = ''] = client.received().split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head.toLowerCase()).toContain('content-type: application/json');
    expect(JSON.parse(body)).toMatchObject({
      status: false,
      message: expect.stringContaining('Malformed request'),
    });
  });
});
