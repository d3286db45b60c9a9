import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive } from './process-alive.js';

/** Folder of a state directory holding each running instance's uploaded bytes, one subfolder each. */
export const UPLOADS_FOLDER = 'uploads';

/**
 * Removes what instances that are gone left behind (after `kill -9`, a crash, a power cut): their upload
 * folders, `.part` files of uploads cut off midway included. Folders of live processes are kept.
 */
async function sweepAbandoned(root: string): Promise<void> {
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const pid = Number(/^(\d+)-/.exec(entry.name)?.[1]);
    const abandoned = entry.isDirectory() ? pid > 0 && !isProcessAlive(pid) : entry.name.endsWith('.part');
    if (abandoned) await rm(join(root, entry.name), { recursive: true, force: true });
  }
}

/**
 * Creates this instance's private uploads folder under `<stateDir>/uploads` (folders 0700; the object
 * store writes its files 0600), after sweeping the folders of instances no longer running.
 */
export async function createUploadsDir(stateDir: string): Promise<string> {
  const root = join(stateDir, UPLOADS_FOLDER);
  await mkdir(root, { recursive: true, mode: 0o700 });
  await chmod(root, 0o700);
  await sweepAbandoned(root);
  return mkdtemp(join(root, `${process.pid}-`));
}
