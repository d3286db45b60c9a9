import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/demo-data.js';
import { startServers } from '../../src/server.js';
import { PNG_BYTES } from '../../src/test-kit.js';

const dirs: string[] = [];
async function stateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'blaaiz-files-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const mode = async (path: string) => (await stat(path)).mode & 0o777;

async function start(dir: string, graceMs = 10_000) {
  return startServers({
    port: 0,
    storagePort: 0,
    storageScheme: 'http',
    stateDir: dir,
    timeouts: { graceMs },
  });
}

async function presign(baseUrl: string): Promise<string> {
  const token = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'mock-client',
      client_secret: 'mock-secret',
      scope: 'file:upload',
    }),
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  const res = await fetch(`${baseUrl}/api/external/file/get-presigned-url`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ customer_id: DEMO_IDS.individual, file_category: 'identity' }),
  });
  return ((await res.json()) as { url: string }).url;
}

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('uploaded bytes on disk', () => {
  it('live under the state directory, folders 0700 and files 0600, also after a reset', async () => {
    const dir = await stateDir();
    const running = await start(dir);
    try {
      const folder = running.deps.objects.dir;
      expect(folder.startsWith(join(dir, 'uploads'))).toBe(true);
      expect(await mode(join(dir, 'uploads'))).toBe(0o700);
      expect(await mode(folder)).toBe(0o700);
      const put = await fetch(await presign(running.baseUrl), { method: 'PUT', body: PNG_BYTES });
      expect(put.status).toBe(200);
      const [file] = await filesUnder(folder);
      expect(await mode(file as string)).toBe(0o600);
      expect((await fetch(`${running.baseUrl}/__mock/reset`, { method: 'POST' })).status).toBe(200);
      expect(await mode(folder)).toBe(0o700);
    } finally {
      await running.close();
    }
  });

  it('left behind by an instance that is gone (kill -9) are removed on start; a live one’s are kept', async () => {
    const dir = await stateDir();
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const abandoned = join(dir, 'uploads', `${deadPid}-abc123`);
    const alive = join(dir, 'uploads', `${process.pid}-live01`);
    await mkdir(abandoned, { recursive: true });
    await mkdir(alive, { recursive: true });
    await writeFile(join(abandoned, 'f1.1234.part'), 'half an upload');
    await writeFile(join(abandoned, 'f0'), 'a finished upload');
    await writeFile(join(dir, 'uploads', 'stray.part'), 'x');
    await writeFile(join(alive, 'f2'), 'in use');
    const running = await start(dir);
    try {
      expect(existsSync(abandoned)).toBe(false);
      expect(existsSync(join(dir, 'uploads', 'stray.part'))).toBe(false);
      expect(existsSync(join(alive, 'f2'))).toBe(true);
    } finally {
      await running.close();
    }
  });

  it('an upload that does not finish within the grace period is cut off at close, leaving no file', async () => {
    const dir = await stateDir();
    const running = await start(dir, 300);
    const url = new URL(await presign(running.baseUrl));
    const outcome = new Promise<string>((resolve) => {
      const req = request(url, { method: 'PUT', headers: { 'content-length': '100000' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(`answered ${res.statusCode}`));
      });
      req.on('error', () => resolve('cut off'));
      req.write(Buffer.alloc(1000, 1));
    });
    while ((await filesUnder(running.deps.objects.dir)).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const closing = running.close();
    await closing;
    expect(await outcome).toMatch(/cut off|answered [45]\d\d/);
    expect(await filesUnder(join(dir, 'uploads'))).toEqual([]);
  });
});
