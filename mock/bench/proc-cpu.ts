import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const out = (() => {
      try {
        return execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
      } catch {
        return '100';
      }
    })();
    ticksPerSecond = Number(out.trim()) || 100;
  }
  return ticksPerSecond;
}

/**
 * CPU time (user + system) a process has used so far, in microseconds, from its own `/proc/<pid>/stat`
 * counters: what the kernel charged to that process alone, whatever else runs on the machine.
 */
export async function processCpuMicros(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) / clockTicks()) * 1e6;
}

/** Resident set size of a process, in bytes, from /proc (`VmRSS` now, or `VmHWM`: its peak). */
export async function residentBytes(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  return Number(kb) * 1024;
}
