import { readFile, rm, writeFile } from 'node:fs/promises';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock file of a durable state dir: it names this process's pid. A lock held by a running
 * process (this one included) is refused with its pid; one left by a process that died is taken over.
 * Resolves to the function that releases it.
 */
export async function lockStateDir(path: string, stateDir: string): Promise<() => Promise<void>> {
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new Error(
        `the state dir ${stateDir} is in use by process ${holder} (lock file ${path}); stop that process or start with another --state-dir`,
      );
    }
    await rm(path, { force: true });
  }
}
