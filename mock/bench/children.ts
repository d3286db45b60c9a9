import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findProjectRoot } from '../src/spec/load-spec.js';

/** The project root: servers are spawned from there. */
export const ROOT = findProjectRoot();
/** The built CLI (`npm run build`); `BLAAIZ_BENCH_CLI` points the bench at another build, to compare. */
export const CLI = process.env.BLAAIZ_BENCH_CLI ?? join(ROOT, 'dist/mock/src/cli.js');
const PRISM = join(ROOT, 'node_modules/.bin/prism');

/**
 * Source of the ceiling server: a bare Hono app on @hono/node-server that answers every request with a
 * constant JSON body (given as its first argument). It is run as plain JavaScript with
 * `node --input-type=module -e`, so its start-up pays no TypeScript loader, like the built CLI.
 */
export const BARE_HONO_SOURCE = `
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = process.argv[1] ?? '{}';
const app = new Hono();
app.all('*', (c) => c.body(body, 200, { 'content-type': 'application/json' }));
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  console.log(JSON.stringify({ event: 'ready', port: info.port }));
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
`;

/** A spawned server: its base URL, process and a `stop()` that ends it by its pid. */
export interface ServerChild {
  baseUrl: string;
  pid: number;
  /** The first stdout line it printed when ready (JSON for our CLI and the bare server). */
  readyLine: string;
  stop(): Promise<void>;
}

/** A port that was free a moment ago (for Prism, which has no port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/** Spawns a server and resolves once a stdout line gives its base URL; later output is drained. */
export function spawnServer(
  args: string[],
  baseUrlOf: (line: string) => string | undefined,
  timeoutMs = 30_000,
): Promise<ServerChild> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = stopper(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no ready line in ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${args.join(' ')}: ${error.message}\n${stderr}`)));
    };
    child.once('exit', (code) => fail(new Error(`exited with ${code} before it was ready`)));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const baseUrl = baseUrlOf(line);
      if (baseUrl === undefined || child.pid === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      lines.removeAllListeners('line');
      resolve({ baseUrl, pid: child.pid, readyLine: line, stop });
    });
  });
}

/**
 * Our built CLI on port 0 (https object store, CA kept in `stateDir`); in memory (`--ephemeral`) unless
 * `durable`, which keeps its state in `stateDir` (one instance per dir).
 */
export function startMockCli(
  stateDir: string,
  nodeArgs: string[] = [],
  { durable = false }: { durable?: boolean } = {},
): Promise<ServerChild> {
  const args = [...nodeArgs, CLI, '--port', '0', '--storage-port', '0', '--quiet', '--state-dir', stateDir];
  if (!durable) args.push('--ephemeral');
  return spawnServer(args, (line) => {
    if (!line.startsWith('{')) return undefined;
    return (JSON.parse(line) as { baseUrl?: string }).baseUrl;
  });
}

/** Prism's mock of the same openapi.yaml, on a port picked just before. */
export async function startPrism(): Promise<ServerChild> {
  const port = await freePort();
  const args = [PRISM, 'mock', join(ROOT, 'openapi.yaml'), '-p', String(port), '-h', '127.0.0.1'];
  return spawnServer(args, (line) =>
    line.includes('is listening') ? `http://127.0.0.1:${port}` : undefined,
  );
}

/** A bare Hono app on @hono/node-server answering `body` to every request: the stack's ceiling. */
export function startBareHono(body: string): Promise<ServerChild> {
  const args = ['--input-type=module', '-e', BARE_HONO_SOURCE, body];
  return spawnServer(args, (line) =>
    line.startsWith('{') ? `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}` : undefined,
  );
}
