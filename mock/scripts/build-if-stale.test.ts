import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./build-if-stale.js', import.meta.url));
let root: string;

/** `--dry-run` against a fake project at `root`: `stale` or `fresh`. */
async function verdict(): Promise<string> {
  const { stdout } = await exec(process.execPath, [SCRIPT, '--dry-run'], {
    env: { ...process.env, BLAAIZ_MOCK_ROOT: root },
  });
  return stdout.trim();
}

const at = (path: string, seconds: number) => utimes(join(root, path), seconds, seconds);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'blaaiz-stale-'));
  await mkdir(join(root, 'mock/src/core'), { recursive: true });
  await writeFile(join(root, 'mock/src/core/rule.ts'), 'export const x = 1;\n');
  await writeFile(join(root, 'mock/src/core/rule.test.ts'), '\n');
  await writeFile(join(root, 'tsconfig.build.json'), '{}\n');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('build-if-stale (what npm start runs first)', () => {
  it('is stale without a build', async () => {
    expect(await verdict()).toBe('stale');
  });

  it('is fresh when the build is newer than every source, and stale once a source or tsconfig changes', async () => {
    await mkdir(join(root, 'dist/mock/src'), { recursive: true });
    await writeFile(join(root, 'dist/mock/src/cli.js'), '\n');
    await at('mock/src/core/rule.ts', 1_000);
    await at('tsconfig.build.json', 1_000);
    await at('dist/mock/src/cli.js', 2_000);
    expect(await verdict()).toBe('fresh');
    await at('mock/src/core/rule.test.ts', 3_000);
    expect(await verdict()).toBe('fresh');
    await at('mock/src/core/rule.ts', 3_000);
    expect(await verdict()).toBe('stale');
    await at('mock/src/core/rule.ts', 1_000);
    await at('tsconfig.build.json', 3_000);
    expect(await verdict()).toBe('stale');
  });
});
