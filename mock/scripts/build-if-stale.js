#!/usr/bin/env node
/**
 * Builds dist/ only when a source is newer than the built CLI (what `npm start` runs first), so a start
 * after the first one does not wait for the compiler. `--dry-run` prints `stale` or `fresh` and builds nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.env.BLAAIZ_MOCK_ROOT ?? process.cwd();
const built = join(root, 'dist/mock/src/cli.js');
const inputs = ['tsconfig.json', 'tsconfig.build.json'].map((file) => join(root, file));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const newest = Math.max(
  newestSource(join(root, 'mock/src')),
  ...inputs.filter(existsSync).map((f) => statSync(f).mtimeMs),
);
const stale = !existsSync(built) || statSync(built).mtimeMs < newest;
if (process.argv.includes('--dry-run')) {
  console.log(stale ? 'stale' : 'fresh');
} else if (stale) {
  console.error('blaaiz-mock: sources changed since the last build, building dist/ …');
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
