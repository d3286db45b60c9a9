import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const biome = join(root, 'node_modules/.bin/biome');

/** Lints one file placed at `path` in a scratch tree that carries the project's own Biome settings. */
async function lintAt(dir: string, path: string, source: string) {
  const file = join(dir, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, source);
  try {
    const { stdout, stderr } = await run(biome, ['lint', '--config-path', dir, file], { cwd: dir });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('layer rules (npm run lint)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blaaiz-layers-'));
    const config = JSON.parse(await readFile(join(root, '.biome.json'), 'utf8'));
    delete config.$schema;
    config.vcs = { enabled: false };
    await writeFile(join(dir, 'biome.json'), JSON.stringify(config));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['core → http', 'mock/src/core/probe.ts', '../http/respond.js', /core stays pure/],
    ['core → deps', 'mock/src/core/probe.ts', '../deps.js', /core stays pure/],
    ['core → hono', 'mock/src/core/probe.ts', 'hono', /core stays pure/],
    ['signing → routes', 'mock/src/signing/probe.ts', '../routes/files.js', /core stays pure/],
    ['store → http', 'mock/src/store/probe.ts', '../http/present.js', /store\/ holds state types/],
    ['http → routes', 'mock/src/http/probe.ts', '../routes/files.js', /does not import them/],
  ])('refuses %s', async (_name, path, target, message) => {
    const result = await lintAt(dir, path, `import { x } from '${target}';\n\nexport const y = x;\n`);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/noRestrictedImports/);
    expect(result.output).toMatch(message);
  });

  it.each([
    ['core → store', 'mock/src/core/probe.ts', '../store/state.js'],
    ['http → core', 'mock/src/http/probe.ts', '../core/result.js'],
    ['routes → http', 'mock/src/routes/probe.ts', '../http/respond.js'],
  ])('allows %s', async (_name, path, target) => {
    const result = await lintAt(dir, path, `import { x } from '${target}';\n\nexport const y = x;\n`);
    expect(result.output).not.toMatch(/noRestrictedImports/);
    expect(result.code).toBe(0);
  });
});
