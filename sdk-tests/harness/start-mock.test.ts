import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { defaultStateDir, type Seed, startMock } from '../../mock/src/testing.js';
import { OFFICIAL_SDK_SCOPES, requestToken } from '../support/sdk-client.js';

const temporary: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'blaaiz-harness-'));
  temporary.push(dir);
  return dir;
}
afterAll(() => Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true }))));

const SEED: Seed = {
  clients: [
    { client_id: 'ci-reader', client_secret: 'r', scopes: ['customer:read'] },
    { client_id: 'ci', client_secret: 'ci-secret', scopes: '*' },
  ],
  customers: [],
};

describe('startMock()', () => {
  it('defaults: demo credentials, https object store, CA in a per-user folder under the temp dir', async () => {
    const mock = await startMock();
    try {
      expect(mock.credentials).toMatchObject({
        clientId: 'mock-client',
        clientSecret: 'mock-secret',
        legacyKey: 'mock-legacy-key',
      });
      const scopes = mock.credentials.scope.split(' ');
      expect(scopes).toEqual(expect.arrayContaining([...OFFICIAL_SDK_SCOPES]));
      expect(new Set(scopes).size).toBe(37);
      expect(mock.credentials.clients.map((client) => client.clientId)).toContain('mock-readonly');
      expect(mock.storageUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(defaultStateDir().startsWith(tmpdir())).toBe(true);
      expect(mock.caCertPath).toBe(join(defaultStateDir(), 'ca.pem'));
      expect(readFileSync(mock.caCertPath ?? '', 'utf8')).toBe(mock.caCert);
      const ca = await fetch(`${mock.baseUrl}/__mock/ca.pem`);
      expect(await ca.text()).toBe(mock.caCert);
    } finally {
      await mock.close();
    }
  });

  it('takes credentials from a seed object, and picks the client holding every scope', async () => {
    const mock = await startMock({ seed: SEED, stateDir: await tempDir() });
    try {
      expect(mock.credentials).toMatchObject({ clientId: 'ci', clientSecret: 'ci-secret', legacyKey: null });
      expect(mock.credentials.legacyKeys).toEqual([]);
      const { clientId, clientSecret, scope } = mock.credentials;
      expect((await requestToken(mock.baseUrl, clientId, clientSecret, scope)).status).toBe(200);
      expect((await requestToken(mock.baseUrl, 'mock-client', 'mock-secret', '')).status).toBe(401);
    } finally {
      await mock.close();
    }
  });

  it('reads a seed file path, with http storage (no CA) and its own state dir', async () => {
    const dir = await tempDir();
    const seedPath = join(dir, 'seed.json');
    await writeFile(seedPath, JSON.stringify({ ...SEED, legacy_keys: ['old-key'] }));
    const mock = await startMock({ seed: seedPath, storageScheme: 'http', stateDir: dir });
    try {
      expect(mock.credentials.legacyKey).toBe('old-key');
      expect(mock.storageUrl).toMatch(/^http:\/\//);
      expect(mock.caCert).toBeNull();
      expect(mock.caCertPath).toBeNull();
      expect(existsSync(join(dir, 'ca.pem'))).toBe(false);
    } finally {
      await mock.close();
    }
  });

  it('refuses a seed that breaks the API rules, with the reason', async () => {
    const bad = { clients: [{ client_id: 'x', client_secret: 'y', scopes: ['full-access'] }] } as Seed;
    await expect(startMock({ seed: bad, stateDir: await tempDir() })).rejects.toThrow(/full-access/);
  });

  it('keeps the same CA across restarts of a state dir', async () => {
    const stateDir = await tempDir();
    const first = await startMock({ stateDir });
    await first.close();
    const second = await startMock({ stateDir });
    await second.close();
    expect(second.caCert).toBe(first.caCert);
  });

  it('controls answer errors as exceptions with the mock message', async () => {
    const mock = await startMock();
    try {
      await expect(mock.advanceClock(-5)).rejects.toThrow(/422.*seconds field/);
      await expect(mock.forceReview('00000000-0000-4000-8000-000000000000', 'VERIFIED')).rejects.toThrow(
        /404.*Customer not found/,
      );
    } finally {
      await mock.close();
    }
  });

  it('controls keep working in a suite that stubs the global fetch', async () => {
    const mock = await startMock();
    vi.stubGlobal('fetch', () => Promise.reject(new Error('fetch is stubbed in this suite')));
    try {
      await expect(mock.advanceClock(1)).resolves.toBeUndefined();
      await expect(mock.reset()).resolves.toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
      await mock.close();
    }
  });

  it('close() is idempotent and really stops listening', async () => {
    const mock = await startMock();
    await Promise.all([mock.close(), mock.close()]);
    await mock.close();
    await expect(fetch(`${mock.baseUrl}/__mock/state`)).rejects.toThrow();
  });
});
