import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findProjectRoot } from '../../src/spec/load-spec.js';

const CLI = join(findProjectRoot(), 'dist/mock/src/cli.js');

/** A running built CLI on a durable state dir. */
export interface CliProcess {
  baseUrl: string;
  storageUrl: string;
  pid: number;
  child: ChildProcess;
  stderr: () => string;
  /** SIGTERM, then waits for the exit; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no flush, no cleanup, as a crash. */
  crash(): Promise<void>;
}

/** What a CLI that did not start printed, and its exit code. */
export interface FailedStart {
  code: number | null;
  stderr: string;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Starts `dist/mock/src/cli.js` on free ports (http object store) with its state in `stateDir`;
 * `fileSizeLimitKb` runs it under `ulimit -f`, so writes past that size fail as on a full disk.
 */
export function startCli(
  stateDir: string,
  options: { args?: string[]; fileSizeLimitKb?: number } = {},
): Promise<CliProcess | FailedStart> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const cli = [CLI, '--port', '0', '--storage-port', '0', '--storage-scheme', 'http', '--quiet'];
  const args = [...cli, '--state-dir', stateDir, ...(options.args ?? [])];
  const child =
    options.fileSizeLimitKb === undefined
      ? spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(
          'bash',
          ['-c', `ulimit -f ${options.fileSizeLimitKb}; exec "$0" "$@"`, process.execPath, ...args],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const onExit = (code: number | null) => setTimeout(() => resolve({ code, stderr }), 50);
    child.once('exit', onExit);
    lines.once('line', (line) => {
      child.off('exit', onExit);
      const ready = JSON.parse(line) as { baseUrl: string; storageUrl: string };
      resolve({
        ...ready,
        pid: child.pid as number,
        child,
        stderr: () => stderr,
        stop: () => {
          child.kill('SIGTERM');
          return exited(child);
        },
        crash: async () => {
          child.kill('SIGKILL');
          await exited(child);
        },
      });
    });
  });
}

/** `startCli` that must succeed. */
export async function startedCli(
  stateDir: string,
  options: Parameters<typeof startCli>[1] = {},
): Promise<CliProcess> {
  const started = await startCli(stateDir, options);
  if (!('baseUrl' in started)) throw new Error(`the CLI did not start (${started.code}): ${started.stderr}`);
  return started;
}
