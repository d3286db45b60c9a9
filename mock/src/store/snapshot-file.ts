import { open, rename } from 'node:fs/promises';
import { LAYOUT_VERSION, type StateDirPaths } from './state-dir.js';

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes the snapshot of `generation` (the encoded state's JSON) to a temp file, fsync'ed; returns its path. */
export async function writeSnapshotTemp(
  paths: StateDirPaths,
  generation: number,
  stateJson: string,
): Promise<string> {
  const temp = `${paths.snapshot}.${generation}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(`{"layout":${LAYOUT_VERSION},"generation":${generation},"state":${stateJson}}`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  return temp;
}

/** Makes a written temp snapshot the state dir's snapshot: rename, then fsync of the directory. */
export async function commitSnapshot(paths: StateDirPaths, temp: string): Promise<void> {
  await rename(temp, paths.snapshot);
  await syncDir(paths.root);
}

/** Writes the snapshot of `generation` durably: temp file, fsync, rename, fsync dir. */
export async function writeSnapshot(
  paths: StateDirPaths,
  generation: number,
  stateJson: string,
): Promise<void> {
  await commitSnapshot(paths, await writeSnapshotTemp(paths, generation, stateJson));
}
