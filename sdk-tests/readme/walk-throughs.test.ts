/**
 * The README's curl walk-throughs, pasted as written into bash against the built CLI, twice in a row
 * (they start with a reset) and from a folder that is not the project's: every step prints its line.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, readyLine, runCli } from '../cli/run-cli.js';

const exec = promisify(execFile);
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The first ```sh block after `heading`. */
function shellBlockAfter(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(README.slice(start));
  if (!block?.[1]) throw new Error(`README.md has no sh block after "${heading}"`);
  return block[1];
}

const SCRIPT = [
  shellBlockAfter('## Walk-through with curl'),
  shellBlockAfter('## Business walk-through (KYB) with curl'),
].join('\n');

const EXPECTED: Array<string | RegExp> = [
  'Mock state reset to its seed.',
  /^CA certificate saved to \//,
  /^token eyJ/,
  /^file_id [0-9a-f-]{36}$/,
  /^PUT 200, ETag "[0-9a-f]{32}"$/,
  'Customer files uploaded successfully',
  /^(PENDING|PROCESSING)$/,
  'Clock advanced by 60 seconds.',
  'VERIFIED',
  'Mock state reset to its seed.',
  /^business [0-9a-f-]{36}, owner [0-9a-f-]{36}$/,
  'PUT 200',
  'Owner files uploaded successfully',
  'PUT 200',
  'Document created successfully',
  'Customer submitted for verification successfully',
  'PROCESSING',
  'REJECTED',
  'REJECTED',
  'Passport photo is blurred.',
  'PUT 200',
  'Owner files uploaded successfully',
  'PENDING',
  'PROCESSING',
  'Clock advanced by 60 seconds.',
  'VERIFIED',
  'APPROVED',
];

let mock: CliRun;
let work: string;
let baseUrl: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'blaaiz-readme-'));
  mock = runCli(['--quiet', '--port', '0', '--storage-port', '0', '--state-dir', join(work, 'state')]);
  baseUrl = (await readyLine(mock)).baseUrl;
});
afterAll(async () => {
  mock.child.kill('SIGTERM');
  await mock.exited;
  await rm(work, { recursive: true, force: true });
});

describe('README walk-throughs (bash, curl and node only)', () => {
  it.each([1, 2])('run %i prints the expected line for every step', async () => {
    const { stdout, stderr } = await exec('bash', ['-c', SCRIPT], {
      cwd: work,
      env: { ...process.env, BLAAIZ_MOCK_URL: baseUrl },
      timeout: 60_000,
    });
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(EXPECTED.length);
    EXPECTED.forEach((line, i) => {
      if (typeof line === 'string') expect(lines[i], `line ${i + 1}`).toBe(line);
      else expect(lines[i], `line ${i + 1}`).toMatch(line);
    });
  });
});
