import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/demo-data.js';
import { startServers } from '../../src/server.js';
import { ensureSigningSecret, SIGNING_SECRET_FILE } from '../../src/signing/secret-file.js';
import { makeTestMock } from '../../src/test-kit.js';

const dirs: string[] = [];
async function stateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'blaaiz-secret-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const form = {
  grant_type: 'client_credentials',
  client_id: 'mock-client',
  client_secret: 'mock-secret',
  scope: 'customer:read',
};

async function tokenFrom(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/oauth/token`, { method: 'POST', body: new URLSearchParams(form) });
  return ((await res.json()) as { access_token: string }).access_token;
}

const getCustomer = (baseUrl: string, token: string) =>
  fetch(`${baseUrl}/api/external/customer/${DEMO_IDS.individual}`, {
    headers: { authorization: `Bearer ${token}` },
  });

describe('the signing secret', () => {
  it('is generated once per state directory, 0600, and kept across starts', async () => {
    const dir = await stateDir();
    const [a, b] = await Promise.all([ensureSigningSecret(dir), ensureSigningSecret(dir)]);
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(40);
    expect((await stat(join(dir, SIGNING_SECRET_FILE))).mode & 0o777).toBe(0o600);
    expect(await ensureSigningSecret(dir)).toBe(a);
    expect(await ensureSigningSecret(await stateDir())).not.toBe(a);
  });

  it('instances on one state dir accept each other’s tokens; another dir does not', async () => {
    const dir = await stateDir();
    const options = { port: 0, storagePort: 0, storageScheme: 'http' as const };
    const first = await startServers({ ...options, stateDir: dir });
    const second = await startServers({ ...options, stateDir: dir });
    const other = await startServers({ ...options, stateDir: await stateDir() });
    try {
      const token = await tokenFrom(first.baseUrl);
      expect((await getCustomer(second.baseUrl, token)).status).toBe(200);
      expect((await getCustomer(other.baseUrl, token)).status).toBe(401);
      const secret = (await readFile(join(dir, SIGNING_SECRET_FILE), 'utf8')).trim();
      expect(first.deps.config.signingSecret).toBe(secret);
      expect(secret).not.toMatch(/default/);
    } finally {
      await Promise.all([first.close(), second.close(), other.close()]);
    }
  });

  it('--signing-secret (config.signingSecret) overrides the file', async () => {
    const dir = await stateDir();
    await writeFile(join(dir, SIGNING_SECRET_FILE), 'from-the-file\n', { mode: 0o600 });
    const running = await startServers({
      port: 0,
      storagePort: 0,
      storageScheme: 'http',
      stateDir: dir,
      config: { signingSecret: 'given' },
    });
    await running.close();
    expect(running.deps.config.signingSecret).toBe('given');
  });

  it('in-process instances without one get a random secret each', async () => {
    const [a, b] = await Promise.all([makeTestMock(), makeTestMock()]);
    expect(a.deps.config.signingSecret).not.toBe(b.deps.config.signingSecret);
    expect(a.deps.config.signingSecret.length).toBeGreaterThanOrEqual(40);
  });
});

describe('HTTP Basic client authentication', async () => {
  const mock = await makeTestMock();
  it.each([
    ['a bad percent-escape in the id', 'mock%zzclient:mock-secret'],
    ['a lone % in the secret', 'mock-client:50%'],
    ['a truncated escape', 'mock-client%E2%82:x'],
  ])('%s answers 400 invalid_request', async (_label, pair) => {
    const res = await mock.call('POST', '/oauth/token', {
      rawBody: 'grant_type=client_credentials',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(pair).toString('base64')}`,
      },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: 'invalid_request' });
    expect(typeof res.json.message).toBe('string');
  });
});

describe('rate-limit windows', () => {
  it('are freed as the virtual clock passes them, not only on reset', async () => {
    const mock = await makeTestMock({ config: { rateLimit: true } });
    const token = await mock.token();
    const read = () => mock.call('GET', `/api/external/customer/${DEMO_IDS.individual}`, { token });
    expect((await read()).status).toBe(200);
    expect(mock.deps.rateLimiter.size()).toBe(2);
    await mock.advance(3601);
    const legacy = [...(await mock.read((s) => s.legacyKeys))][0] as string;
    await mock.call('GET', `/api/external/customer/${DEMO_IDS.individual}`, {
      headers: { 'x-blaaiz-api-key': legacy },
    });
    expect(mock.deps.rateLimiter.size()).toBe(2);
  });
});
