import { chmod } from 'node:fs/promises';
import { settleToClock } from './core/settle.js';
import { createDeps, type DepsOptions, type MockDeps, reseed } from './deps.js';
import { durableObjects, removeOrphanObjects } from './store/durable-objects.js';
import { type FileStore, openFileStore } from './store/file-store.js';
import { createState } from './store/state.js';
import { replaceState } from './store/state-export.js';

/** Opens (locking) the durable store of `stateDir` for an instance on real time. */
export function openDurableStore(stateDir: string, compactAfterBytes?: number): Promise<FileStore> {
  return openFileStore({
    stateDir,
    hooks: { realNow: Date.now, settle: settleToClock },
    ...(compactAfterBytes === undefined ? {} : { compactAfterBytes }),
  });
}

/** The deps of an instance on a durable store: uploads fsync'ed, seeded when new, orphaned bytes removed. */
export async function durableDeps(store: FileStore, options: DepsOptions): Promise<MockDeps> {
  await chmod(store.paths.objects, 0o700);
  const deps = createDeps({ ...options, store, objects: durableObjects(options.objects) });
  // Seeded aside first: a seed that is refused leaves the new state dir without any state.
  if (store.fresh)
    await store.transact((state, now) => {
      const seeded = createState();
      reseed(deps, seeded, now);
      replaceState(state, seeded);
    });
  for (const torn of store.tornJournals)
    console.error(`blaaiz-mock: discarded a torn last record of ${torn}`);
  const fileIds = await store.transact((state) => new Set(state.files.keys()));
  await removeOrphanObjects(store.paths.objects, fileIds);
  return deps;
}
