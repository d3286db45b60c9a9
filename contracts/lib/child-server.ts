/** Starting a server as a child process and waiting for the line that says where it listens. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';

/** A running child server: what its ready line told, and how to stop it. */
export interface ChildServer<T> {
  readonly ready: T;
  readonly pid: number | undefined;
  /** Output seen so far (stdout and stderr), for error messages. */
  output(): string;
  /** Sends SIGTERM, then SIGKILL if it is still running after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

/** How to start one child server. */
export interface ChildServerOptions<T> {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Returns the ready information when `line` announces the server is listening. */
  readonly readyFrom: (line: string) => T | undefined;
  readonly timeoutMs?: number;
}

function waitForExit(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Spawns the server and resolves once a line of its output says it is ready; rejects with its output otherwise. */
export function startChildServer<T>(options: ChildServerOptions<T>): Promise<ChildServer<T>> {
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const lines: string[] = [];
  const output = () => lines.slice(-40).join('\n');
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void waitForExit(child, 2_000);
      reject(new Error(`${options.name} did not start: ${why}\n${output()}`));
    };
    const timer = setTimeout(
      () => fail(`no ready line within ${options.timeoutMs ?? 30_000} ms`),
      options.timeoutMs ?? 30_000,
    );
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited early (${signal ?? `code ${code}`})`));
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (raw) => {
        const line = stripVTControlCharacters(raw);
        lines.push(line);
        if (lines.length > 400) lines.shift();
        const ready = options.readyFrom(line);
        if (ready === undefined) return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ ready, pid: child.pid, output, stop: (graceMs = 5_000) => waitForExit(child, graceMs) });
      });
    }
  });
}
