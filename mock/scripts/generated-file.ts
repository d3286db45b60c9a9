import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * Writes a generated file, or with `--check` on the command line fails (exit 1) when the committed one
 * differs from what would be written: what `npm run generate:check` relies on.
 */
export function writeOrCheckGenerated(target: string, body: string): void {
  if (!process.argv.includes('--check')) {
    writeFileSync(target, body);
    return;
  }
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = '';
  }
  if (current !== body) {
    console.error(`${relative(process.cwd(), target)} is stale: run npm run generate`);
    process.exit(1);
  }
}
