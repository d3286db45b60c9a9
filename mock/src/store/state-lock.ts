import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { isProcessAlive } from './process-alive.js';

/** When a process started (Linux `/proc/<pid>/stat`, in clock ticks since boot), so a reused pid is told apart. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** True when the lock's holder still runs: its pid is alive and, where it can be told, it is the same process. */
function holderRunning(pid: number, started: string | undefined): boolean {
  if (!isProcessAlive(pid)) return false;
  const now = startTime(pid);
  return started === undefined || now === undefined || now === started;
}

/**
 * Takes the lock file of a durable state dir: it names this process's pid (and start time). A lock held
 * by a running process (this one included) is refused with its pid; one left by a process that died is
 * taken over. Resolves to the function that releases it.
 */
export async function lockStateDir(path: string, stateDir: string): Promise<() => Promise<void>> {
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n${startTime(process.pid) ?? ''}\n`, { flag: 'wx', mode: 0o600 });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const [pidText = '', started] = (await readFile(path, 'utf8').catch(() => '')).split('\n');
    const holder = Number.parseInt(pidText, 10);
    if (Number.isInteger(holder) && holder > 0 && holderRunning(holder, started || undefined)) {
      throw new Error(
        `the state dir ${stateDir} is in use by process ${holder} (lock file ${path}); stop that process or start with another --state-dir`,
      );
    }
    await rm(path, { force: true });
  }
}
