import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockStateDir } from './state-lock.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function lockPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'blaaiz-lock-'));
  dirs.push(dir);
  return join(dir, 'lock');
}

describe('lockStateDir', () => {
  it('names this process, refuses a second holder, and frees the lock on release', async () => {
    const path = await lockPath();
    const release = await lockStateDir(path, 'dir');
    expect((await readFile(path, 'utf8')).split('\n')[0]).toBe(String(process.pid));
    await expect(lockStateDir(path, 'dir')).rejects.toThrow(`in use by process ${process.pid}`);
    await release();
    await (await lockStateDir(path, 'dir'))();
  });

  it.each([
    ['a dead pid', '999999999\n\n'],
    ['a live pid that started at another time (a reused pid)', `${process.pid}\n1\n`],
    ['garbage', 'not a pid'],
  ])('takes over a lock left with %s', async (_case, content) => {
    const path = await lockPath();
    await writeFile(path, content);
    const release = await lockStateDir(path, 'dir');
    expect((await readFile(path, 'utf8')).split('\n')[0]).toBe(String(process.pid));
    await release();
  });
});
