/** Starting what the suite judges: the mock from the built CLI, and `prism proxy` in front of a target. */
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildServer, startChildServer } from './child-server.js';

/** The project root (where package.json, openapi.yaml and dist/ are). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The mock's `--quiet` ready line. */
export interface MockReady {
  readonly event: 'ready';
  readonly baseUrl: string;
  readonly storageUrl: string;
  readonly caCertPath: string | null;
}

function parseReady(line: string): MockReady | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(line) as Partial<MockReady>;
    return parsed.event === 'ready' && typeof parsed.baseUrl === 'string' ? (parsed as MockReady) : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the built mock CLI on free ports with its state (and CA) in `stateDir`. */
export function startMock(stateDir: string): Promise<ChildServer<MockReady>> {
  const cli = join(PROJECT_ROOT, 'dist/mock/src/cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  return startChildServer({
    name: 'blaaiz-mock',
    command: process.execPath,
    // --minimal-kyb: the platform is allow-listed for kyb_scope MINIMAL, so upgradeKybScope can answer 200.
    args: [cli, '--port', '0', '--storage-port', '0', '--quiet', '--state-dir', stateDir, '--minimal-kyb'],
    cwd: PROJECT_ROOT,
    readyFrom: parseReady,
  });
}

/**
 * Starts `prism proxy <spec> <upstream> --errors` on a free port. Prism reads a copy of openapi.yaml
 * taken now (`snapshotDir`): it restarts on a new port whenever the file it watches changes, and the
 * suite's own validator has also loaded the spec once.
 */
export function startPrism(upstream: string, snapshotDir: string): Promise<ChildServer<string>> {
  const spec = join(snapshotDir, 'openapi.yaml');
  copyFileSync(join(PROJECT_ROOT, 'openapi.yaml'), spec);
  const bin = join(PROJECT_ROOT, 'node_modules/.bin/prism');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm ci\``);
  return startChildServer({
    name: 'prism proxy',
    command: bin,
    args: ['proxy', spec, upstream, '--errors', '-p', '0', '-h', '127.0.0.1'],
    cwd: PROJECT_ROOT,
    readyFrom: (line) => /Prism is listening on (https?:\/\/\S+)/.exec(line)?.[1],
    timeoutMs: 60_000,
  });
}
