import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CONSUMER_MANIFEST } from './consumer-files.js';

const exec = promisify(execFile);
// The consumer gets a plain environment: nothing about a mock this suite may have started.
const { NODE_EXTRA_CA_CERTS: _ca, BLAAIZ_MOCK_URL: _url, ...consumerEnv } = process.env;

/** The project's own folder (what a clone holds). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a command; a failure carries its whole output (tsc and npm report on stdout). */
export async function run(command: string, args: string[], options: { cwd: string; timeout?: number }) {
  try {
    return await exec(command, args, { ...options, env: consumerEnv, maxBuffer: 32 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/** Runs npm in `cwd` and returns its stdout. */
export async function npm(args: string[], cwd: string): Promise<string> {
  return (await run('npm', args, { cwd })).stdout;
}

/** `npm install spec` in a consumer project, from the local cache when it can, from the registry otherwise. */
export async function install(spec: string, app: string): Promise<void> {
  const flags = ['install', '--no-audit', '--no-fund', spec];
  try {
    await npm([...flags, '--offline'], app);
  } catch {
    await npm(flags, app);
  }
}

/** An empty ESM project at `dir` with nothing installed. */
export async function emptyProject(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify(CONSUMER_MANIFEST));
  return dir;
}
