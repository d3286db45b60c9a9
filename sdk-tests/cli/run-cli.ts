import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI, as the package's `bin` points at it. */
export const CLI_PATH = fileURLToPath(new URL('../../dist/mock/src/cli.js', import.meta.url));

/** The `--quiet` ready line. */
export interface ReadyLine {
  event: 'ready';
  baseUrl: string;
  storageUrl: string;
  caCertPath: string | null;
}

/** A CLI child process and what it printed. */
export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name when killed by one). */
  exited: Promise<number | string>;
}

/** Starts `node dist/mock/src/cli.js …args` with `env` added to a clean copy of this process's environment. */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npm run build\` first`);
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !['PORT', 'STORAGE_PORT', 'HOST'].includes(name) && !name.startsWith('BLAAIZ_MOCK_'),
    ),
  );
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits for the first line on stdout and parses it as the ready line; fails if the process exits first. */
export function readyLine(run: CliRun): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const newline = run.stdout().indexOf('\n');
      if (newline < 0) return;
      run.child.stdout?.off('data', check);
      try {
        resolve(JSON.parse(run.stdout().slice(0, newline)) as ReadyLine);
      } catch (error) {
        reject(error);
      }
    };
    run.child.stdout?.on('data', check);
    run.exited.then((code) => reject(new Error(`exited (${code}) before ready: ${run.stderr()}`)));
  });
}
