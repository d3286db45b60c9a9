import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockInstance, startMock } from '../../mock/src/testing.js';
import { ensureTlsMaterial } from '../../mock/src/tls/local-ca.js';
import { expectedEtag, PASSPORT_PDF } from '../support/sample-files.js';
import { putToPresignedUrl, requestPresign } from '../support/sdk-client.js';

let mock: MockInstance;
const temporary: string[] = [];
const customerId = '6f1d8c2a-4b1e-4c3a-9a61-0d5b8e7f0a01';

beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock.close();
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'blaaiz-sdk-ca-'));
  temporary.push(dir);
  return dir;
}

async function presignedUrl(target: MockInstance = mock): Promise<string> {
  const auth = { apiKey: target.credentials.legacyKey ?? 'missing' };
  const presign = await requestPresign(target.baseUrl, auth, customerId);
  expect(presign.status).toBe(200);
  return presign.json.url;
}

describe('the object store PUT as the official Node SDK makes it (https.request)', () => {
  it('succeeds over https trusting the mock CA, and the ETag is the quoted MD5', async () => {
    expect(mock.storageUrl.startsWith('https://')).toBe(true);
    const etag = await putToPresignedUrl(await presignedUrl(), PASSPORT_PDF, {
      contentType: 'application/pdf',
      ca: mock.caCert,
    });
    expect(etag).toBe(expectedEtag(PASSPORT_PDF));
  });

  it('fails TLS verification when the CA is not trusted (a fresh CA no environment knows)', async () => {
    const stranger = await startMock({ stateDir: await tempDir() });
    try {
      const url = await presignedUrl(stranger);
      await expect(putToPresignedUrl(url, PASSPORT_PDF, { contentType: 'application/pdf' })).rejects.toThrow(
        /certificate/i,
      );
    } finally {
      await stranger.close();
    }
  });

  it('fails on the S3 error of a second PUT of the same URL', async () => {
    const url = await presignedUrl();
    const options = { contentType: 'application/pdf', ca: mock.caCert };
    await putToPresignedUrl(url, PASSPORT_PDF, options);
    await expect(putToPresignedUrl(url, PASSPORT_PDF, options)).rejects.toThrow(/403.*AccessDenied/s);
  });
});

describe('the ETag requirement itself, against a fake object store', () => {
  let fake: Server;
  let fakeUrl: string;
  let fakeCa: string;
  let sendEtag = false;

  beforeAll(async () => {
    const tls = await ensureTlsMaterial(await tempDir(), ['127.0.0.1']);
    fakeCa = tls.caCertPem;
    fake = createServer({ key: tls.serverKeyPem, cert: tls.serverCertPem }, (req, res) => {
      req.resume();
      req.on('end', () => {
        if (sendEtag) res.setHeader('ETag', '"0123456789abcdef0123456789abcdef"');
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((ready) => fake.listen(0, '127.0.0.1', ready));
    fakeUrl = `https://127.0.0.1:${(fake.address() as AddressInfo).port}/bucket/key?X-Amz-Signature=x`;
  });
  afterAll(() => new Promise<void>((done) => fake.close(() => done())));

  it('rejects a 200 that carries no ETag header', async () => {
    sendEtag = false;
    const upload = putToPresignedUrl(fakeUrl, PASSPORT_PDF, { contentType: 'application/pdf', ca: fakeCa });
    await expect(upload).rejects.toThrow(/without an ETag/);
  });

  it('accepts the same answer once it carries an ETag (the fake server is otherwise fine)', async () => {
    sendEtag = true;
    const upload = putToPresignedUrl(fakeUrl, PASSPORT_PDF, { contentType: 'application/pdf', ca: fakeCa });
    await expect(upload).resolves.toBe('"0123456789abcdef0123456789abcdef"');
  });
});
