import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { burst, call, individual, token } from './api-calls.js';
import { type CliProcess, startCli, startedCli } from './cli-process.js';

const dirs: string[] = [];
const running: CliProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((cli) => cli.crash()));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function stateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'blaaiz-crash-'));
  dirs.push(dir);
  return dir;
}

async function cli(dir: string, options: Parameters<typeof startedCli>[1] = {}): Promise<CliProcess> {
  const started = await startedCli(dir, options);
  running.push(started);
  return started;
}

/** Last names of every customer the instance holds, each checked whole (id, e-mail, status). */
async function storedNames(baseUrl: string): Promise<Set<string>> {
  const state = (await (await fetch(`${baseUrl}/__mock/state`)).json()) as {
    customers: Array<{ id: string; email: string; last_name?: string; verification_status: string }>;
  };
  for (const customer of state.customers) {
    expect(customer.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(customer.email).toContain('@');
    expect(customer.verification_status).toBeTypeOf('string');
  }
  return new Set(state.customers.map((c) => c.last_name ?? ''));
}

async function newestGeneration(dir: string): Promise<number> {
  const names = await readdir(join(dir, 'state'));
  return Math.max(...names.map((name) => Number(/^journal-(\d+)/.exec(name)?.[1] ?? 0)));
}

describe('crashes and broken journals (the built CLI, kill -9)', () => {
  it('kill -9 in the middle of concurrent writes: every acknowledged write is there, none torn', {
    timeout: 60_000,
  }, async () => {
    const dir = await stateDir();
    const acknowledged: string[] = [];
    const generations: number[] = [];
    let bearer = '';
    for (let round = 0; round < 3; round++) {
      // A small journal limit: the state is compacted many times during the burst, and crashes can hit that too.
      const instance = await cli(dir, { args: ['--compact-after', '30000'] });
      bearer ||= await token(instance.baseUrl);
      const writes = burst(instance.baseUrl, bearer, 16, round * 100_000);
      // A random moment once the burst is under way: after 20 acknowledged writes, then 0–300 ms more.
      for (let waited = 0; writes.acknowledged.length < 20 && waited < 10_000; waited += 10)
        await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
      await instance.crash();
      await writes.stop();
      expect(writes.failures).toEqual([]);
      expect(writes.acknowledged.length).toBeGreaterThan(0);
      acknowledged.push(...writes.acknowledged);
      generations.push(await newestGeneration(dir));
      const restarted = await cli(dir);
      const names = await storedNames(restarted.baseUrl);
      const missing = acknowledged.filter((name) => !names.has(name));
      expect(missing).toEqual([]);
      await restarted.crash();
    }
    // Each start is one generation; more means compactions ran during the bursts.
    expect(generations.at(-1)).toBeGreaterThan(6);
  });

  it('a torn or corrupt last journal record is discarded, the records before it kept', {
    timeout: 30_000,
  }, async () => {
    const dir = await stateDir();
    const first = await cli(dir);
    const bearer = await token(first.baseUrl);
    for (const n of [1, 2, 3])
      await call(first.baseUrl, bearer, 'POST', '/api/external/customer', individual(n));
    await first.crash();
    const journals = (await readdir(join(dir, 'state'))).filter((name) => name.startsWith('journal-'));
    const journal = join(dir, 'state', journals.at(-1) as string);
    // The last record (customer 3) gets a flipped byte; then a record cut short after its length field.
    const bytes = await readFile(journal);
    bytes[bytes.length - 2] = (bytes[bytes.length - 2] as number) ^ 0xff;
    await writeFile(journal, bytes);
    await appendFile(journal, Buffer.from([0, 0, 4, 0, 1, 2, 3]));

    const second = await cli(dir);
    const names = await storedNames(second.baseUrl);
    expect(names.has('Durable 1') && names.has('Durable 2')).toBe(true);
    expect(names.has('Durable 3')).toBe(false);
    expect(second.stderr()).toContain('discarded a torn last record');
    // Writes go on after the recovery and survive the next restart.
    await call(second.baseUrl, bearer, 'POST', '/api/external/customer', individual(4));
    await second.crash();
    const third = await cli(dir);
    expect((await storedNames(third.baseUrl)).has('Durable 4')).toBe(true);
    await third.stop();
  });

  it('a full disk: the write fails with a 503 in the API shape, and the store stays consistent', {
    timeout: 60_000,
  }, async () => {
    const dir = await stateDir();
    const full = await cli(dir, { fileSizeLimitKb: 48 });
    const bearer = await token(full.baseUrl);
    const writes = burst(full.baseUrl, bearer, 4, 0);
    let refusal: { status: number; body: { status: boolean; message: string } } | undefined;
    for (let n = 1_000_000; !refusal && n < 1_000_400; n++) {
      const answer = await call(full.baseUrl, bearer, 'POST', '/api/external/customer', individual(n));
      if (answer.status === 201) writes.acknowledged.push(`Durable ${n}`);
      else refusal = answer;
    }
    await writes.stop();
    expect(refusal?.status).toBe(503);
    expect(refusal?.body.status).toBe(false);
    expect(refusal?.body.message).toMatch(/^The mock could not save the change: /);
    expect(writes.failures.every((status) => status === 503)).toBe(true);
    // Serving goes on from what is on disk: exactly the acknowledged customers (and the demo ones).
    const during = await storedNames(full.baseUrl);
    const demo = 2;
    expect(during.size).toBe(writes.acknowledged.length + demo);
    expect(writes.acknowledged.every((name) => during.has(name))).toBe(true);
    expect(await full.stop()).toBe(0);
    const restarted = await cli(dir);
    expect(await storedNames(restarted.baseUrl)).toEqual(during);
    await restarted.stop();
  });

  it('a state dir of an unknown format or layout is refused with a clear message, never misread', {
    timeout: 20_000,
  }, async () => {
    for (const [snapshot, expected] of [
      [{ layout: 1, generation: 1, state: { version: 99 } }, 'holds state format 99'],
      [{ layout: 7, generation: 1, state: {} }, 'has layout 7'],
    ] as const) {
      const dir = await stateDir();
      await cli(dir).then((first) => first.stop());
      await writeFile(join(dir, 'state', 'snapshot.json'), JSON.stringify(snapshot));
      const refused = await startCli(dir);
      expect('code' in refused && refused.code).toBe(1);
      expect('stderr' in refused && refused.stderr).toContain(expected);
    }
  });
});
