import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockInstance, startMock } from '../../mock/src/testing.js';
import { requestPresign, requestToken } from '../support/sdk-client.js';

let stateDir: string;
let mock: MockInstance;
const DEMO_CUSTOMER = '6f1d8c2a-4b1e-4c3a-9a61-0d5b8e7f0a01';

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-public-'));
  mock = await startMock({
    host: '0.0.0.0',
    stateDir,
    publicUrl: 'http://blaaiz-mock.internal:4010',
    storagePublicUrl: 'https://blaaiz-mock.internal:4443/',
  });
});
afterAll(async () => {
  await mock.close();
  await rm(stateDir, { recursive: true, force: true });
});

/** The port a listener is bound to, from `host:port`. */
const portOf = (address: string) => Number(address.slice(address.lastIndexOf(':') + 1));

describe('a mock reached by other hosts (--public-url, --storage-public-url)', () => {
  it('reports the public URLs and puts the storage one in presigned URLs', async () => {
    expect(mock.baseUrl).toBe('http://blaaiz-mock.internal:4010');
    expect(mock.storageUrl).toBe('https://blaaiz-mock.internal:4443');
    expect(mock.listening.api).toMatch(/^0\.0\.0\.0:\d+$/);
    const local = `http://127.0.0.1:${portOf(mock.listening.api)}`;
    const { clientId, clientSecret } = mock.credentials;
    const token = (await requestToken(local, clientId, clientSecret, 'file:upload')).json.access_token;
    const presign = await requestPresign(local, { token }, DEMO_CUSTOMER);
    expect(presign.status).toBe(200);
    expect(presign.json.url).toMatch(/^https:\/\/blaaiz-mock\.internal:4443\/blaaiz-uploads\//);
  });

  it("serves a certificate whose names include the public host, trusted through the mock's CA", async () => {
    const port = portOf(mock.listening.storage);
    const peer = await new Promise<{ authorized: boolean; names: string }>((resolve, reject) => {
      const socket = connect({
        host: '127.0.0.1',
        port,
        servername: 'blaaiz-mock.internal',
        ca: mock.caCert ?? '',
      });
      socket.once('secureConnect', () => {
        resolve({ authorized: socket.authorized, names: socket.getPeerCertificate().subjectaltname ?? '' });
        socket.end();
      });
      socket.once('error', reject);
    });
    expect(peer.authorized).toBe(true);
    expect(peer.names).toContain('DNS:blaaiz-mock.internal');
  });

  it('says where it listens and what it is at /__mock/health', async () => {
    const health = await fetch(`http://127.0.0.1:${portOf(mock.listening.api)}/__mock/health`);
    expect(await health.json()).toMatchObject({
      status: 'ready',
      base_url: 'http://blaaiz-mock.internal:4010',
    });
  });
});

describe('startMock options are checked like the CLI flags', () => {
  it.each([
    [{ port: -1 }, /^startMock option port must be a port number/],
    [{ storagePort: 70000 }, /^startMock option storagePort must be a port number/],
    [{ reviewDelaySeconds: -1 }, /^startMock option reviewDelaySeconds must be a number of seconds/],
    [{ storageScheme: 'ftp' }, /^startMock option storageScheme must be https or http/],
    [{ publicUrl: 'mock:4010' }, /^startMock option publicUrl must use http or https/],
    [{ stateDirectory: '/tmp' }, /^startMock option stateDirectory is not an option of startMock$/],
    [
      { seed: { clients: [], customers: [{ verification_status: 'BANANA' }] } },
      /^startMock option seed: customers\[0\]\.verification_status/,
    ],
  ])('%j is refused in one line naming the option', async (options, message) => {
    await expect(startMock(options as Parameters<typeof startMock>[0])).rejects.toThrow(message);
  });
});
