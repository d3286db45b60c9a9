import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ChangeTracker } from './change-tracker.js';
import { createJournal, type JournalWriter } from './journal-file.js';
import { writeSnapshot } from './snapshot-file.js';
import { createState, type MockState } from './state.js';
import { journalHeader, loadStateDir, removeJournalsBefore, type StateDirPaths } from './state-dir.js';
import { lockStateDir } from './state-lock.js';

/** What a durable store starts from: its dir locked, read, compacted into one snapshot, a new journal open. */
export interface RecoveredStateDir {
  state: MockState;
  tracker: ChangeTracker;
  /** True when the dir held no state yet: the caller seeds it. */
  fresh: boolean;
  generation: number;
  journal: JournalWriter;
  snapshotBytes: number;
  tornJournals: string[];
  unlock: () => Promise<void>;
}

/**
 * Locks and reads a state dir (recovery: snapshot, then journals up to their first torn record). Every
 * start compacts: the state read (and migrated) becomes one snapshot, and older journals go.
 */
export async function recoverStateDir(paths: StateDirPaths, stateDir: string): Promise<RecoveredStateDir> {
  await mkdir(paths.root, { recursive: true, mode: 0o700 });
  const unlock = await lockStateDir(paths.lock, stateDir);
  try {
    const loaded = await loadStateDir(paths);
    const state = loaded.state ?? createState();
    const tracker = new ChangeTracker(state);
    const generation = loaded.generation + 1;
    let snapshotBytes = 0;
    if (loaded.state) {
      const json = tracker.snapshotJson();
      await writeSnapshot(paths, generation, json);
      snapshotBytes = json.length;
    }
    const journal = await createJournal(paths.journal(generation), journalHeader(generation));
    await removeJournalsBefore(paths, generation);
    // Snapshots a crash left half-written were never renamed into place: nothing reads them.
    for (const name of await readdir(paths.root))
      if (name.endsWith('.tmp')) await rm(join(paths.root, name), { force: true });
    const fresh = loaded.state === undefined;
    return {
      state,
      tracker,
      fresh,
      generation,
      journal,
      snapshotBytes,
      tornJournals: loaded.tornJournals,
      unlock,
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}
