import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/demo-data.js';
import { findProjectRoot } from '../../src/spec/load-spec.js';
import { PNG_BYTES } from '../../src/test-kit.js';

const CLI = join(findProjectRoot(), 'dist/mock/src/cli.js');

interface Ready {
  baseUrl: string;
  storageUrl: string;
}

async function startCli(
  stateDir: string,
  extra: string[] = [],
): Promise<{ child: ChildProcess; ready: Ready }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const args = [CLI, '--port', '0', '--storage-port', '0', '--storage-scheme', 'http', '--quiet', ...extra];
  const child = spawn(process.execPath, [...args, '--state-dir', stateDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the CLI exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
  });
  child.removeAllListeners('exit');
  return { child, ready: JSON.parse(line) as Ready };
}

/** Whether a new TCP connection to `url` is refused (the listener is closed). */
function connectionRefused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** PUTs `chunks` chunks of `body`'s size one tick apart, calling `midway` after the first few. */
function slowPut(url: string, body: Buffer, chunks: number, midway: () => Promise<void>) {
  return new Promise<{ status: number; etag: string | undefined }>((resolve, reject) => {
    const req = request(
      url,
      { method: 'PUT', headers: { 'content-length': String(body.length * chunks) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: res.headers.etag }));
      },
    );
    req.on('error', reject);
    const send = async () => {
      for (let i = 0; i < chunks; i++) {
        req.write(body);
        if (i === 2) await midway();
        await new Promise((r) => setTimeout(r, 40));
      }
      req.end();
    };
    send().catch(reject);
  });
}

describe('SIGTERM under load (the built CLI)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('lets the upload in flight finish with 200, stops accepting, then exits 0', {
    timeout: 30_000,
  }, async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-sigterm-'));
    dirs.push(stateDir);
    const { child, ready } = await startCli(stateDir);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const form =
      'grant_type=client_credentials&client_id=mock-client&client_secret=mock-secret&scope=file:upload';
    const tokenRes = await fetch(`${ready.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const presign = await fetch(`${ready.baseUrl}/api/external/file/get-presigned-url`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ customer_id: DEMO_IDS.individual, file_category: 'identity' }),
    });
    const { url } = (await presign.json()) as { url: string };
    let refusedNewConnections = false;
    const upload = await slowPut(
      url,
      Buffer.concat([PNG_BYTES, Buffer.alloc(16 * 1024, 1)]),
      25,
      async () => {
        child.kill('SIGTERM');
        // Shutdown has begun once new connections are refused, while the upload is still streaming in.
        for (let attempt = 0; attempt < 100 && !refusedNewConnections; attempt++) {
          refusedNewConnections = await connectionRefused(ready.baseUrl);
          if (!refusedNewConnections) await new Promise((r) => setTimeout(r, 20));
        }
      },
    );
    expect(refusedNewConnections).toBe(true);
    expect(upload.status).toBe(200);
    expect(upload.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await exited).toBe(0);
  });

  it('cuts off an upload that outlasts the grace period, leaves no partial file, exits 0', {
    timeout: 30_000,
  }, async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-sigterm-'));
    dirs.push(stateDir);
    const { child, ready } = await startCli(stateDir, ['--shutdown-grace', '0.5', '--ephemeral']);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await presignWith(ready.baseUrl);
    const req = request(url, { method: 'PUT', headers: { 'content-length': '1000000' } });
    const cutOff = new Promise<boolean>((resolve) => {
      req.on('error', () => resolve(true));
      req.on('response', (res) => resolve((res.statusCode ?? 0) >= 400));
    });
    req.write(Buffer.alloc(4096, 1));
    const uploads = join(stateDir, 'uploads');
    while (!(await readdir(uploads, { recursive: true })).some((name) => name.endsWith('.part'))) {
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await cutOff).toBe(true);
    expect(await readdir(uploads, { recursive: true })).toEqual([]);
  });
});

async function presignWith(baseUrl: string): Promise<string> {
  const form =
    'grant_type=client_credentials&client_id=mock-client&client_secret=mock-secret&scope=file:upload';
  const tokenRes = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };
  const presign = await fetch(`${baseUrl}/api/external/file/get-presigned-url`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ customer_id: DEMO_IDS.individual, file_category: 'identity' }),
  });
  return ((await presign.json()) as { url: string }).url;
}
