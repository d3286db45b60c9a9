import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileStore } from './file-store.js';
import { readJournal } from './journal-file.js';
import { stateDirPaths } from './state-dir.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function open(compactAfterBytes?: number) {
  const dir = await mkdtemp(join(tmpdir(), 'blaaiz-file-store-'));
  dirs.push(dir);
  const hooks = { realNow: () => 1_000, settle: () => undefined };
  const options = { stateDir: dir, hooks, ...(compactAfterBytes ? { compactAfterBytes } : {}) };
  return { dir, options, store: await openFileStore(options) };
}

async function journalRecords(dir: string): Promise<number> {
  const paths = stateDirPaths(dir);
  let records = 0;
  for (const name of (await readdir(paths.root)).filter((n) => n.startsWith('journal-')))
    records += (await readJournal(join(paths.root, name))).payloads.length - 1;
  return records;
}

describe('openFileStore', () => {
  it('groups concurrent commits: 50 transactions at once go out in far fewer journal records', async () => {
    const { dir, store } = await open();
    await Promise.all(
      Array.from({ length: 50 }, (_, n) => store.transact((state) => state.legacyKeys.add(`key-${n}`))),
    );
    const records = await journalRecords(dir);
    expect(records).toBeGreaterThanOrEqual(1);
    expect(records).toBeLessThan(10);
    await store.close();
  });

  it('a transaction that only reads writes nothing; one that changes writes its change and reopens with it', async () => {
    const { dir, options, store } = await open();
    await store.transact((state) => state.legacyKeys.add('kept'));
    const before = await journalRecords(dir);
    expect(await store.transact((state) => state.legacyKeys.has('kept'))).toBe(true);
    expect(await journalRecords(dir)).toBe(before);
    await store.close();
    const reopened = await openFileStore(options);
    expect(reopened.fresh).toBe(false);
    expect(await reopened.transact((state) => [...state.legacyKeys])).toEqual(['kept']);
    await reopened.close();
  });

  it('compacts: past the size limit a snapshot replaces the journal, and nothing is lost', async () => {
    const { dir, options, store } = await open(2_000);
    for (let n = 0; n < 60; n++)
      await store.transact((state) => state.legacyKeys.add(`k${'x'.repeat(50)}${n}`));
    await store.close(); // waits for a compaction in progress
    const names = await readdir(stateDirPaths(dir).root);
    expect(names).toContain('snapshot.json');
    expect(names.filter((name) => name.startsWith('journal-'))).toHaveLength(1);
    const reopened = await openFileStore(options);
    expect(await reopened.transact((state) => state.legacyKeys.size)).toBe(60);
    await reopened.close();
  });

  it('refuses a second store on the same dir while the first holds it', async () => {
    const { options, store } = await open();
    await expect(openFileStore(options)).rejects.toThrow(`in use by process ${process.pid}`);
    await store.close();
    const again = await openFileStore(options);
    await again.close();
  });
});
