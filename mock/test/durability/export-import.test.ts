import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMock } from '../../src/testing.js';
import { call, individual, type Json, token } from './api-calls.js';
import { startedCli } from './cli-process.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function stateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'blaaiz-export-'));
  dirs.push(dir);
  return dir;
}

async function exported(baseUrl: string, query = ''): Promise<Json> {
  return (await fetch(`${baseUrl}/__mock/state/export${query}`)).json();
}

describe('export and import of the whole state', () => {
  it('exports without client secrets unless asked; an import elsewhere gives the same situation', async () => {
    const source = await startMock({ storageScheme: 'http', stateDir: await stateDir(), durable: true });
    const target = await startMock({ storageScheme: 'http' });
    try {
      const bearer = await token(source.baseUrl);
      const created = await call(source.baseUrl, bearer, 'POST', '/api/external/customer', individual(7));
      const plain = await exported(source.baseUrl);
      expect(plain.format).toBe('blaaiz-mock-state');
      expect(JSON.stringify(plain)).not.toContain('mock-secret');
      expect(JSON.stringify(plain)).not.toContain('mock-legacy-key');
      const full = await exported(source.baseUrl, '?secrets=true');
      expect(JSON.stringify(full)).toContain('mock-secret');
      expect(JSON.stringify(full)).toContain('mock-legacy-key');

      const imported = await fetch(`${target.baseUrl}/__mock/state/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(plain),
      });
      expect(imported.status).toBe(200);
      const read = await call(
        target.baseUrl,
        await token(target.baseUrl),
        'GET',
        `/api/external/customer/${created.body.data.id}`,
      );
      expect(read.body.data).toEqual(created.body.data);
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
  });

  it('startMock({ stateDir, durable: true }) finds its customers again after close and start', async () => {
    const dir = await stateDir();
    const first = await startMock({ storageScheme: 'http', stateDir: dir, durable: true });
    const created = await call(
      first.baseUrl,
      await token(first.baseUrl),
      'POST',
      '/api/external/customer',
      individual(9),
    );
    await first.close();
    const second = await startMock({ storageScheme: 'http', stateDir: dir, durable: true });
    try {
      const read = await call(
        second.baseUrl,
        await token(second.baseUrl),
        'GET',
        `/api/external/customer/${created.body.data.id}`,
      );
      expect(read.body.data).toEqual(created.body.data);
    } finally {
      await second.close();
    }
  });

  it('refuses a broken export with a 422 and keeps the state as it was', async () => {
    const mock = await startMock({ storageScheme: 'http' });
    try {
      const before = await exported(mock.baseUrl, '?secrets=true');
      for (const body of [
        { format: 'blaaiz-mock-state', state: { ...before.state, version: 99 } },
        { format: 'blaaiz-mock-state', state: { ...before.state, customers: 'none' } },
        { format: 'other' },
      ]) {
        const answer = await fetch(`${mock.baseUrl}/__mock/state/import`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(answer.status).toBe(422);
        expect(((await answer.json()) as { message: string }).message).toBeTypeOf('string');
      }
      const { exported_at: _a, ...after } = await exported(mock.baseUrl, '?secrets=true');
      const { exported_at: _b, ...expected } = before;
      expect(after).toEqual(expected);
    } finally {
      await mock.close();
    }
  });

  it('--seed FILE accepts an export: a new state dir starts from it', { timeout: 20_000 }, async () => {
    const source = await startMock({ storageScheme: 'http' });
    const bearer = await token(source.baseUrl);
    const created = await call(source.baseUrl, bearer, 'POST', '/api/external/customer', individual(8));
    const file = join(await stateDir(), 'export.json');
    await writeFile(file, JSON.stringify(await exported(source.baseUrl, '?secrets=true')));
    await source.close();
    const cli = await startedCli(await stateDir(), { args: ['--seed', file] });
    // Another state dir signs with its own secret: the imported clients log in again there.
    const read = await call(
      cli.baseUrl,
      await token(cli.baseUrl),
      'GET',
      `/api/external/customer/${created.body.data.id}`,
    );
    expect(read.body.data).toEqual(created.body.data);
    await cli.stop();
  });
});
