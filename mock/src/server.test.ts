import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Seed } from './core/seed.js';
import { startServers } from './server.js';

const uploadFolders = (stateDir: string) => readdirSync(join(stateDir, 'uploads'));

describe('startServers', () => {
  it('leaves no uploads folder behind when the start fails', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-server-'));
    onTestFinished(() => rm(stateDir, { recursive: true, force: true }));
    const badSeed = { clients: 'nope' } as unknown as Seed;
    await expect(
      startServers({ port: 0, storagePort: 0, storageScheme: 'http', stateDir, seed: badSeed }),
    ).rejects.toThrow(/clients/);
    expect(uploadFolders(stateDir)).toEqual([]);
  });

  it('serves both listeners on free ports and removes its uploads folder on close', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-server-'));
    onTestFinished(() => rm(stateDir, { recursive: true, force: true }));
    const running = await startServers({ port: 0, storagePort: 0, storageScheme: 'http', stateDir });
    const state = await fetch(`${running.baseUrl}/__mock/state`);
    expect(state.status).toBe(200);
    const folder = running.deps.objects.dir;
    expect(folder.startsWith(join(stateDir, 'uploads'))).toBe(true);
    expect(uploadFolders(stateDir)).toEqual([basename(folder)]);
    await running.close();
    expect(uploadFolders(stateDir)).toEqual([]);
  });
});
