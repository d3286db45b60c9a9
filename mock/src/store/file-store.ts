import { rm } from 'node:fs/promises';
import { ChangeTracker, noChanges } from './change-tracker.js';
import { type Batch, newBatch, StateWriteError } from './commit-batch.js';
import { createJournal, type JournalWriter } from './journal-file.js';
import { recoverStateDir } from './recover-state-dir.js';
import { commitSnapshot, writeSnapshotTemp } from './snapshot-file.js';
import { createState } from './state.js';
import {
  journalHeader,
  loadStateDir,
  removeJournalsBefore,
  type StateDirPaths,
  stateDirPaths,
} from './state-dir.js';
import { changesPayload } from './state-image.js';
import type { StateStore, StoreHooks } from './state-store.js';

export { StateWriteError } from './commit-batch.js';

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
  const recovered = await recoverStateDir(paths, options.stateDir);
  const { unlock, tornJournals, fresh } = recovered;
  let { state, tracker, generation, snapshotBytes } = recovered;
  let journal: JournalWriter | undefined = recovered.journal;
  const limits = new Map<number, number>();
  let open: Batch | undefined;
  let writing: Batch | undefined;
  let flushing: Promise<void> | undefined;
  let restoring: Promise<void> | undefined;
  let compacting: Promise<void> | undefined;
  let closed = false;
  let broken: StateWriteError | undefined;

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
    const following = await createJournal(paths.journal(next), journalHeader(next));
    const old = journal;
    journal = following;
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
    })()
      .catch((error: unknown) => {
        // What is in memory may hold changes that were refused: no transaction may build on it.
        broken = new StateWriteError(
          `the state could not be read back after a failed write: ${(error as Error).message}`,
        );
        throw error;
      })
      .finally(() => {
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
        writing = undefined;
        batch.resolve();
      } catch (error) {
        writing = undefined;
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
    flushing = undefined;
  }

  const store: FileStore = {
    fresh,
    paths,
    tornJournals,
    async transact(decide) {
      while (restoring) await restoring.catch(() => undefined);
      if (closed) throw new StateWriteError('the store is closed');
      if (broken) throw broken;
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
