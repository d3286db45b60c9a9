import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, type ReadyLine, readyLine, runCli } from './run-cli.js';

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
    { args: ['--bogus'], env: {}, error: /^blaaiz-mock: Unknown option '--bogus'/ },
    { args: ['--port', '70000'], env: {}, error: /^blaaiz-mock: --port must be a port number/ },
    { args: [], env: { PORT: 'abc' }, error: /^blaaiz-mock: PORT must be a port number .*"abc"/ },
    {
      args: ['--review-delay', '-5'],
      env: {},
      error: /^blaaiz-mock: --review-delay must be .* ≥ 0, got "-5"/,
    },
    {
      args: ['--storage-scheme', 'ftp'],
      env: {},
      error: /^blaaiz-mock: --storage-scheme must be https or http/,
    },
  ])(
    '$args $env: exit 2 with one line on stderr naming the flag or variable',
    async ({ args, env, error }) => {
      const run = runCli(args, env);
      expect(await run.exited).toBe(2);
      expect(run.stderr()).toMatch(error);
      expect(run.stderr().trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr()).not.toContain('Usage:');
      expect(run.stdout()).toBe('');
    },
  );

  it('--seed with an invalid status: exit 2, one line naming the file and the path', async () => {
    const seed = join(stateDir, 'banana.json');
    writeFileSync(seed, JSON.stringify({ customers: [{ verification_status: 'BANANA' }] }));
    const run = runCli(['--seed', seed]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(
      /^blaaiz-mock: seed file .*banana\.json: customers\[0\]\.verification_status must be one of/,
    );
    expect(run.stderr().trimEnd().split('\n')).toHaveLength(1);
  });

  it('--version prints the package version', async () => {
    const run = runCli(['--version']);
    expect(await run.exited).toBe(0);
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(run.stdout()).toBe(`${version}\n`);
  });

  it('--host 0.0.0.0 with public URLs: the ready line gives them and where it listens; health answers', async () => {
    const run = runCli(
      ['--quiet', '--host', '0.0.0.0', '--port', '0', '--storage-port', '0', '--state-dir', stateDir],
      {
        BLAAIZ_MOCK_PUBLIC_URL: 'http://mock.internal:4010',
        BLAAIZ_MOCK_STORAGE_PUBLIC_URL: 'https://mock.internal:4443',
      },
    );
    const ready = (await readyLine(run)) as ReadyLine & { listening: { api: string } };
    expect(ready).toMatchObject({
      baseUrl: 'http://mock.internal:4010',
      storageUrl: 'https://mock.internal:4443',
    });
    const port = ready.listening.api.split(':').pop();
    const health = await fetch(`http://127.0.0.1:${port}/__mock/health`);
    expect(await health.json()).toMatchObject({ status: 'ready', storage_url: 'https://mock.internal:4443' });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
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
      expect(run.stderr()).toBe(
        `blaaiz-mock: the API port 127.0.0.1:${port} is already in use (choose another with --port, 0: any free port)\n`,
      );
    } finally {
      await new Promise((done) => blocker.close(done));
    }
  });
});
