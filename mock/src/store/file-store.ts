import { mkdir, rm } from 'node:fs/promises';
import { type Changes, ChangeTracker, noChanges } from './change-tracker.js';
import { createJournal, type JournalWriter } from './journal-file.js';
import { createState, type MockState } from './state.js';
import {
  commitSnapshot,
  journalHeader,
  loadStateDir,
  removeJournalsBefore,
  type StateDirPaths,
  stateDirPaths,
  writeSnapshot,
  writeSnapshotTemp,
} from './state-dir.js';
import { changesPayload } from './state-image.js';
import { lockStateDir } from './state-lock.js';
import type { StateStore, StoreHooks } from './state-store.js';

/** A change the store could not make durable (a failed write or fsync): nothing of it was kept. */
export class StateWriteError extends Error {}

/** How to open a durable store. */
export interface FileStoreOptions {
  stateDir: string;
  hooks: StoreHooks;
  /** Journal size past which the next commit writes a snapshot and starts a new journal (default 8 MB). */
  compactAfterBytes?: number;
}

/** A durable store: `fresh` when its state dir held no state yet (the caller seeds it). */
export interface FileStore extends StateStore {
  readonly fresh: boolean;
  readonly paths: StateDirPaths;
  /** Journal files whose torn or corrupt last record was discarded on open. */
  readonly tornJournals: string[];
}

interface Batch {
  changes: Changes;
  done: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

function newBatch(changes: Changes): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const done = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  done.catch(() => undefined);
  return { changes, done, resolve, reject };
}

/**
 * Opens the write-ahead store of `<stateDir>/state` (README "Durable state"): the state lives in memory
 * and decisions run in order, synchronously, as in the memory store; what each one changed is appended
 * to a journal, and its promise resolves once the batch its record went out in is fsync'ed. Batches
 * group every transaction decided while the previous batch was being written.
 */
export async function openFileStore(options: FileStoreOptions): Promise<FileStore> {
  const paths = stateDirPaths(options.stateDir);
  const { hooks } = options;
  const compactAfterBytes = options.compactAfterBytes ?? 8 * 1024 * 1024;
  await mkdir(paths.root, { recursive: true, mode: 0o700 });
  const unlock = await lockStateDir(paths.lock, options.stateDir);
  let loaded: Awaited<ReturnType<typeof loadStateDir>>;
  let state: MockState;
  let tracker: ChangeTracker;
  let generation: number;
  let journal: JournalWriter | undefined;
  const limits = new Map<number, number>();
  /** Size of the latest snapshot: the journal may grow as large before the next compaction, so rewriting stays in proportion. */
  let snapshotBytes = 0;
  try {
    loaded = await loadStateDir(paths);
    state = loaded.state ?? createState();
    tracker = new ChangeTracker(state);
    generation = loaded.generation + 1;
    // Every start compacts: the state read (and migrated) becomes one snapshot, older journals go.
    if (loaded.state) {
      const json = tracker.snapshotJson();
      await writeSnapshot(paths, generation, json);
      snapshotBytes = json.length;
    }
    journal = await createJournal(paths.journal(generation), journalHeader(generation));
    await removeJournalsBefore(paths, generation);
  } catch (error) {
    await unlock();
    throw error;
  }
  let open: Batch | undefined;
  let writing: Batch | undefined;
  let flushing: Promise<void> | undefined;
  let restoring: Promise<void> | undefined;
  let compacting: Promise<void> | undefined;
  let closed = false;

  async function nextJournal(): Promise<JournalWriter> {
    if (journal) return journal;
    generation += 1;
    journal = await createJournal(paths.journal(generation), journalHeader(generation));
    return journal;
  }

  /**
   * Starts a compaction at `batch`: the state as decided so far (this batch included) becomes the
   * snapshot of a new generation, whose journal takes this batch and every later one. The snapshot is
   * written beside the journal; it replaces the old one only once `batch` is durable, then the old
   * journal goes. A crash at any point leaves either the old snapshot and both journals, or the new one.
   */
  async function startCompaction(batch: Batch): Promise<void> {
    const json = tracker.snapshotJson();
    const next = generation + 1;
    const fresh = await createJournal(paths.journal(next), journalHeader(next));
    const old = journal;
    journal = fresh;
    generation = next;
    compacting = (async () => {
      const temp = await writeSnapshotTemp(paths, next, json);
      const durable = await batch.done.then(
        () => true,
        () => false,
      );
      if (!durable) return rm(temp, { force: true });
      await commitSnapshot(paths, temp);
      snapshotBytes = json.length;
      await old?.close().catch(() => undefined);
      await removeJournalsBefore(paths, next);
    })()
      .catch((error: unknown) => console.error('blaaiz-mock: compaction failed (the journal goes on)', error))
      .finally(() => {
        compacting = undefined;
      });
  }

  function restore(): Promise<void> {
    restoring = (async () => {
      await compacting;
      const failedJournal = journal;
      journal = undefined;
      if (failedJournal) {
        await failedJournal.truncateToValid();
        limits.set(generation, failedJournal.size);
        await failedJournal.close().catch(() => undefined);
      }
      const reloaded = await loadStateDir(paths, limits);
      state = reloaded.state ?? createState();
      tracker = new ChangeTracker(state);
    })().finally(() => {
      restoring = undefined;
    });
    return restoring;
  }

  async function flushLoop(): Promise<void> {
    await new Promise((next) => setImmediate(next));
    while (open) {
      const batch = open;
      open = undefined;
      writing = batch;
      try {
        if (!compacting && journal && journal.size >= Math.max(compactAfterBytes, snapshotBytes)) {
          await startCompaction(batch);
        }
        await (await nextJournal()).append(changesPayload(batch.changes));
        batch.resolve();
      } catch (error) {
        const failure = new StateWriteError((error as Error).message);
        const failed = open ? [batch, open] : [batch];
        open = undefined;
        const restored = restore();
        for (const each of failed) each.reject(failure);
        await restored.catch((reason: unknown) =>
          console.error('blaaiz-mock: reloading the state failed', reason),
        );
      }
    }
    writing = undefined;
    flushing = undefined;
  }

  const store: FileStore = {
    fresh: loaded.state === undefined,
    paths,
    tornJournals: loaded.tornJournals,
    async transact(decide) {
      while (restoring) await restoring.catch(() => undefined);
      if (closed) throw new StateWriteError('the store is closed');
      const now = hooks.realNow() + state.clockOffsetMs;
      let result: ReturnType<typeof decide> | undefined;
      let thrown: { error: unknown } | undefined;
      try {
        hooks.settle(state, now);
        result = decide(state, now);
      } catch (error) {
        thrown = { error };
      }
      const target = open?.changes ?? noChanges();
      let wait: Promise<void> | undefined;
      if (tracker.collect(target)) {
        open ??= newBatch(target);
        wait = open.done;
        flushing ??= flushLoop();
      } else wait = (open ?? writing)?.done;
      if (wait) await wait;
      if (thrown) throw thrown.error;
      return result as ReturnType<typeof decide>;
    },
    clockOffsetMs: () => state.clockOffsetMs,
    async close() {
      if (closed) return;
      closed = true;
      while (flushing || restoring || compacting)
        await (flushing ?? restoring ?? compacting)?.catch(() => undefined);
      await journal?.close().catch(() => undefined);
      await unlock();
    },
  };
  return store;
}
