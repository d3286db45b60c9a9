import { chmod, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ObjectStore } from './object-store.js';

async function sync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * An object store whose completed writes are on disk when they resolve: the object's bytes and its
 * directory entry are fsync'ed before the upload is recorded, so an acknowledged PUT survives a crash.
 */
export function durableObjects(inner: ObjectStore): ObjectStore {
  return {
    dir: inner.dir,
    async write(key, body, limitBytes) {
      const outcome = await inner.write(key, body, limitBytes);
      if (!outcome.ok) return outcome;
      try {
        await sync(join(inner.dir, key));
        await sync(inner.dir);
      } catch {
        await inner.remove(key);
        return { ok: false, reason: 'aborted', size: outcome.size };
      }
      return outcome;
    },
    read: (key) => inner.read(key),
    remove: (key) => inner.remove(key),
    async clear() {
      await inner.clear();
      await chmod(inner.dir, 0o700);
    },
  };
}

/** Deletes objects no stored file refers to (left by a crash mid-upload or mid-reset); returns how many. */
export async function removeOrphanObjects(dir: string, fileIds: Set<string>): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const orphans = names.filter((name) => !fileIds.has(name));
  await Promise.all(orphans.map((name) => rm(join(dir, name), { force: true })));
  return orphans.length;
}
