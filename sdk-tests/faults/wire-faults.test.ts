import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_IDS } from '../../mock/src/demo-data.js';
import { type MockInstance, startMock } from '../../mock/src/testing.js';
import { expectedEtag, SELFIE_PNG } from '../support/sample-files.js';
import { callApi, putToPresignedUrl, requestPresign, requestToken } from '../support/sdk-client.js';

let mock: MockInstance;
let token: string;

beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(async () => {
  await mock.reset();
  const { clientId, clientSecret, scope } = mock.credentials;
  token = (await requestToken(mock.baseUrl, clientId, clientSecret, scope)).json.access_token;
});

const customerPath = `/api/external/customer/${DEMO_IDS.individual}`;

describe('faults over real sockets', () => {
  it('the journal shows requests as sent: chunked SDK bodies, redacted secrets, uploads as size and MD5', async () => {
    const presign = await requestPresign(mock.baseUrl, { token }, DEMO_IDS.individual);
    const etag = await putToPresignedUrl(presign.json.url, SELFIE_PNG, {
      contentType: 'image/png',
      ca: mock.caCert,
    });
    const [issued] = await mock.requests({ operationId: 'issueToken' });
    expect(issued?.request.body).toMatchObject({ client_id: 'mock-client', client_secret: '[redacted]' });
    const [sent] = await mock.requests({ operationId: 'getPresignedUrl' });
    expect(sent?.request.headers['transfer-encoding']).toBe('chunked');
    expect(sent?.request.body).toEqual({ customer_id: DEMO_IDS.individual, file_category: 'identity' });
    expect(sent?.request.headers.authorization).toBe('Bearer [redacted]');
    const [put] = await mock.requests({ operationId: 'putObject' });
    expect(put?.request.body).toEqual({ size: SELFIE_PNG.byteLength, md5: etag.slice(1, -1) });
    expect(etag).toBe(expectedEtag(SELFIE_PNG));
    expect(put?.customer_id).toBe(DEMO_IDS.individual);
    expect((await requestPresign(mock.baseUrl, { token: 'not-a-token' }, DEMO_IDS.business)).status).toBe(
      401,
    );
    const [refused] = await mock.requests({ status: 401 });
    expect(refused?.request.body).toEqual({ customer_id: DEMO_IDS.business, file_category: 'identity' });
  });

  it('drop before: the token request fails with a reset connection, once', async () => {
    await mock.faults.add({ operationId: 'issueToken', drop: true, times: 1 });
    const { clientId, clientSecret } = mock.credentials;
    await expect(requestToken(mock.baseUrl, clientId, clientSecret, '')).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect((await requestToken(mock.baseUrl, clientId, clientSecret, '')).status).toBe(200);
  });

  it('drop mid: the head and half the body arrive, then the connection is cut', async () => {
    await mock.faults.add({ operationId: 'getCustomer', drop: 'mid', times: 1 });
    const seen = await new Promise<{ status: number; received: number; declared: number; error: string }>(
      (resolve) => {
        const request = http.get(
          new URL(customerPath, mock.baseUrl),
          { headers: { authorization: `Bearer ${token}` } },
          (res) => {
            let received = 0;
            res.on('data', (part: Buffer) => (received += part.byteLength));
            res.on('error', (error) =>
              resolve({
                status: res.statusCode ?? 0,
                received,
                declared: Number(res.headers['content-length']),
                error: error.message,
              }),
            );
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, received, declared: 0, error: 'ended' }),
            );
          },
        );
        request.on('error', (error) =>
          resolve({ status: 0, received: 0, declared: 0, error: error.message }),
        );
      },
    );
    expect(seen.status).toBe(200);
    expect(seen.error).toBe('aborted');
    expect(seen.received).toBeGreaterThan(0);
    expect(seen.received).toBeLessThan(seen.declared);
    expect((await callApi(mock.baseUrl, 'GET', customerPath, { token })).status).toBe(200);
  });

  it('latency: the answer is held for latencyMs of wall time, as the journal measures', async () => {
    await mock.faults.add({ operationId: 'getCustomer', latencyMs: 800, times: 1 });
    expect((await callApi(mock.baseUrl, 'GET', customerPath, { token })).status).toBe(200);
    expect((await callApi(mock.baseUrl, 'GET', customerPath, { token })).status).toBe(200);
    const [slow, fast] = await mock.requests({ operationId: 'getCustomer' });
    expect(slow?.fault?.action).toBe('latency 800ms');
    expect(slow?.latency_ms).toBeGreaterThanOrEqual(800);
    expect(fast?.fault).toBeNull();
  });

  it('putObject 500: the SDK upload step fails on S3 InternalError, the retry uploads', async () => {
    await mock.faults.add({ operationId: 'putObject', status: 500, times: 1 });
    const presign = await requestPresign(mock.baseUrl, { token }, DEMO_IDS.individual);
    const upload = () =>
      putToPresignedUrl(presign.json.url, SELFIE_PNG, { contentType: 'image/png', ca: mock.caCert });
    await expect(upload()).rejects.toThrow(/status 500: [\s\S]*<Code>InternalError<\/Code>/);
    expect(await upload()).toBe(expectedEtag(SELFIE_PNG));
  });

  it('stall: the store stops reading the upload and never answers; the client gives up', async () => {
    await mock.faults.add({ operationId: 'putObject', stall: true, times: 1 });
    const presign = await requestPresign(mock.baseUrl, { token }, DEMO_IDS.individual);
    const stalled = putToPresignedUrl(presign.json.url, Buffer.alloc(4 * 1024 * 1024, 7), {
      contentType: 'image/png',
      ca: mock.caCert,
    });
    const gaveUp = await Promise.race([
      stalled.then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((done) => setTimeout(() => done('still waiting'), 500)),
    ]);
    expect(gaveUp).toBe('still waiting');
    await mock.faults.clear(); // releases the stall: the connection is dropped
    await expect(stalled).rejects.toThrow();
    await vi.waitFor(async () =>
      expect(await mock.requests({ operationId: 'putObject', status: 0 })).toHaveLength(1),
    );
  });
});
