import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDF_BYTES } from '../../src/test-kit.js';
import { call, individual, token } from './api-calls.js';
import { type CliProcess, startCli, startedCli } from './cli-process.js';

const dirs: string[] = [];
const running: CliProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((cli) => cli.crash()));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function stateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'blaaiz-durable-'));
  dirs.push(dir);
  return dir;
}

async function cli(dir: string, args: string[] = []): Promise<CliProcess> {
  const started = await startedCli(dir, { args });
  running.push(started);
  return started;
}

/** `GET /__mock/state` without its `now`. */
async function described(baseUrl: string): Promise<unknown> {
  const { now: _now, ...rest } = (await (await fetch(`${baseUrl}/__mock/state`)).json()) as { now: string };
  return rest;
}

/** Creates a customer, presigns, PUTs a PDF and attaches it as the identity document. */
async function onboard(baseUrl: string, bearer: string) {
  const created = await call(baseUrl, bearer, 'POST', '/api/external/customer', individual(1));
  expect(created.status).toBe(201);
  const id = created.body.data.id as string;
  const presign = await call(baseUrl, bearer, 'POST', '/api/external/file/get-presigned-url', {
    customer_id: id,
    file_category: 'identity',
  });
  expect(presign.status).toBe(200);
  const put = await fetch(presign.body.url, { method: 'PUT', body: PDF_BYTES });
  expect(put.status).toBe(200);
  // A second presign stays pending: it must still be usable after the restart.
  const pending = await call(baseUrl, bearer, 'POST', '/api/external/file/get-presigned-url', {
    customer_id: id,
    file_category: 'proof_of_address',
  });
  const attached = await call(baseUrl, bearer, 'POST', `/api/external/customer/${id}/files`, {
    id_file: presign.body.file_id,
  });
  expect(attached.status).toBe(200);
  return { id, fileId: presign.body.file_id as string, pendingUrl: pending.body.url as string };
}

describe('the CLI keeps its state in the state dir (the built CLI, real restarts)', () => {
  for (const how of ['SIGTERM', 'kill -9'] as const) {
    it(`after ${how}: the same customers, files, ids, tokens and presigned URLs`, {
      timeout: 30_000,
    }, async () => {
      const dir = await stateDir();
      const first = await cli(dir);
      const bearer = await token(first.baseUrl);
      const { id, fileId, pendingUrl } = await onboard(first.baseUrl, bearer);
      const before = await call(first.baseUrl, bearer, 'GET', `/api/external/customer/${id}`);
      const stateBefore = await described(first.baseUrl);
      if (how === 'SIGTERM') expect(await first.stop()).toBe(0);
      else await first.crash();

      const second = await cli(dir);
      // The token issued before the restart is still accepted.
      const after = await call(second.baseUrl, bearer, 'GET', `/api/external/customer/${id}`);
      expect(after.status).toBe(200);
      expect(after.body).toEqual(before.body);
      // An individual stays PENDING while its review runs (api-contract §4).
      expect(after.body.data.verification_status).toBe('PENDING');
      expect(await described(second.baseUrl)).toEqual(stateBefore);
      expect(await readdir(join(dir, 'state', 'objects'))).toEqual([fileId]);
      // The presigned URL issued before the restart uploads on the new process (new port, same path and signature).
      const moved = new URL(pendingUrl);
      const put = await fetch(`${second.storageUrl}${moved.pathname}${moved.search}`, {
        method: 'PUT',
        body: PDF_BYTES,
      });
      expect(put.status).toBe(200);
      await second.stop();
    });
  }

  it('refuses a second process on the same state dir, naming the first one’s pid', {
    timeout: 20_000,
  }, async () => {
    const dir = await stateDir();
    const first = await cli(dir);
    const second = await startCli(dir);
    expect('code' in second && second.code).toBe(1);
    expect('stderr' in second && typeof second.stderr === 'string' && second.stderr).toContain(
      `in use by process ${first.pid}`,
    );
    await first.crash();
    // A lock left by a crashed process is taken over.
    const third = await cli(dir);
    expect(third.pid).not.toBe(first.pid);
    await third.stop();
  });

  it('reset empties the store durably, uploaded bytes included', { timeout: 30_000 }, async () => {
    const dir = await stateDir();
    const first = await cli(dir);
    const bearer = await token(first.baseUrl);
    const { id } = await onboard(first.baseUrl, bearer);
    expect((await fetch(`${first.baseUrl}/__mock/reset`, { method: 'POST' })).status).toBe(200);
    await first.crash();
    const second = await cli(dir);
    expect((await call(second.baseUrl, bearer, 'GET', `/api/external/customer/${id}`)).status).toBe(404);
    expect(await readdir(join(dir, 'state', 'objects'))).toEqual([]);
    await second.stop();
  });

  it('a refused seed leaves a new state dir without state: the next start seeds it afresh', {
    timeout: 20_000,
  }, async () => {
    const dir = await stateDir();
    const seed = join(dir, 'bad-seed.json');
    await writeFile(
      seed,
      // Well formed, so it reaches the store, but refused there: ZZ is not an ISO country code.
      JSON.stringify({
        customers: [
          {
            type: 'individual',
            first_name: 'A',
            last_name: 'B',
            email: 'a@example.com',
            country: 'ZZ',
            id_type: 'passport',
            id_number: 'P1',
          },
        ],
      }),
    );
    const refused = await startCli(dir, { args: ['--seed', seed] });
    expect('code' in refused && refused.code).toBe(1);
    const second = await cli(dir);
    expect(await token(second.baseUrl)).toBeTypeOf('string'); // the demo client exists: the demo seed was applied
    await second.stop();
  });

  it('--ephemeral starts from the seed every time and writes no state', { timeout: 20_000 }, async () => {
    const dir = await stateDir();
    const first = await cli(dir, ['--ephemeral']);
    const bearer = await token(first.baseUrl);
    const created = await call(first.baseUrl, bearer, 'POST', '/api/external/customer', individual(2));
    await first.stop();
    const second = await cli(dir, ['--ephemeral']);
    const read = await call(second.baseUrl, bearer, 'GET', `/api/external/customer/${created.body.data.id}`);
    expect(read.status).toBe(404);
    expect(await readdir(dir)).not.toContain('state');
    await second.stop();
  });
});
