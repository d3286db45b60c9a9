import { readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Seed } from './core/seed.js';
import { startServers } from './server.js';

const uploadFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('blaaiz-mock-objects-'));

describe('startServers', () => {
  it('leaves no uploads folder behind when the start fails', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-server-'));
    // A private temp dir for this process, so instances of other test files cannot show up in it.
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = stateDir;
    onTestFinished(() => {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    });
    const before = new Set(uploadFolders());
    const badSeed = { clients: 'nope' } as unknown as Seed;
    await expect(
      startServers({ port: 0, storagePort: 0, storageScheme: 'http', stateDir, seed: badSeed }),
    ).rejects.toThrow(/clients/);
    expect(uploadFolders().filter((name) => !before.has(name))).toEqual([]);
  });

  it('serves both listeners on free ports and removes its uploads folder on close', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-server-'));
    const running = await startServers({ port: 0, storagePort: 0, storageScheme: 'http', stateDir });
    const state = await fetch(`${running.baseUrl}/__mock/state`);
    expect(state.status).toBe(200);
    const folder = running.deps.objects.dir;
    await running.close();
    expect(uploadFolders()).not.toContain(folder.split('/').pop());
  });
});
