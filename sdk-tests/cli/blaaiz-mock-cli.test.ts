import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, readyLine, runCli } from './run-cli.js';

let stateDir: string;
beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-cli-'));
});
afterAll(() => rm(stateDir, { recursive: true, force: true }));

describe('blaaiz-mock (the package bin) as a child process', () => {
  it('is a node script with a shebang', () => {
    expect(readFileSync(CLI_PATH, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '--quiet prints one JSON ready line, serves, and exits 0 on %s',
    async (signal) => {
      const run = runCli(['--quiet', '--port', '0', '--storage-port', '0', '--state-dir', stateDir]);
      const ready = await readyLine(run);
      expect(ready).toMatchObject({ event: 'ready', caCertPath: join(stateDir, 'ca.pem') });
      expect(ready.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(ready.storageUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const state = await fetch(`${ready.baseUrl}/__mock/state`);
      expect(state.status).toBe(200);
      run.child.kill(signal);
      expect(await run.exited).toBe(0);
      expect(run.stdout().trim().split('\n')).toHaveLength(1);
      expect(run.stderr()).toBe('');
    },
  );

  it('reads ports and state dir from the environment, and --storage-scheme http has no CA', async () => {
    const run = runCli(['--quiet', '--storage-scheme', 'http'], {
      PORT: '0',
      STORAGE_PORT: '0',
      BLAAIZ_MOCK_STATE_DIR: stateDir,
    });
    const ready = await readyLine(run);
    expect(ready.caCertPath).toBeNull();
    expect(ready.storageUrl).toMatch(/^http:\/\//);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('prints the banner with the demo credentials without --quiet', async () => {
    const run = runCli(['--port', '0', '--storage-port', '0', '--state-dir', stateDir]);
    await new Promise<void>((resolve) => {
      const poll = () => (run.stdout().includes('customers:') ? resolve() : setImmediate(poll));
      run.child.stdout?.on('data', poll);
    });
    expect(run.stdout()).toContain('mock-client / mock-secret');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it.each([
    { args: ['--bogus'], error: /bogus/ },
    { args: ['--port', '70000'], error: /--port must be an integer/ },
    { args: ['--storage-scheme', 'ftp'], error: /--storage-scheme must be https or http/ },
  ])('$args: exit 2 with the reason and the usage on stderr', async ({ args, error }) => {
    const run = runCli(args);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(error);
    expect(run.stderr()).toContain('Usage: blaaiz-mock [options]');
    expect(run.stdout()).toBe('');
  });

  it('--ca-path creates the CA once, prints its path and exits 0 (for trust stores set before start)', async () => {
    const dir = join(stateDir, 'ca-path');
    const first = runCli(['--ca-path', '--state-dir', dir]);
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toBe(`${join(dir, 'ca.pem')}\n`);
    const pem = readFileSync(join(dir, 'ca.pem'), 'utf8');
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const run = runCli(['--quiet', '--port', '0', '--storage-port', '0', '--state-dir', dir]);
    expect((await readyLine(run)).caCertPath).toBe(join(dir, 'ca.pem'));
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(readFileSync(join(dir, 'ca.pem'), 'utf8')).toBe(pem);
  });

  it('--help prints the usage and exits 0', async () => {
    const run = runCli(['--help']);
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('--quiet');
    expect(run.stdout()).toContain('--seed FILE');
  });

  it('exits 1 with the reason when its port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((ready) => blocker.listen(0, '127.0.0.1', ready));
    const address = blocker.address();
    const port = String(typeof address === 'object' && address ? address.port : 0);
    try {
      const run = runCli(['--quiet', '--port', port, '--storage-port', '0', '--state-dir', stateDir]);
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toMatch(/EADDRINUSE/);
    } finally {
      await new Promise((done) => blocker.close(done));
    }
  });
});
