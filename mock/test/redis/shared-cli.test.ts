import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { burst, token } from '../durability/api-calls.js';
import { type CliProcess, startCli, startedCli } from '../durability/cli-process.js';
import { type RedisServer, startRedis } from './redis-server.js';

let redis: RedisServer;
const dirs: string[] = [];
const running: CliProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(running.map((cli) => cli.crash()));
  await redis.dispose();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function stateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'blaaiz-shared-cli-'));
  dirs.push(dir);
  return dir;
}

async function cli(store: string): Promise<CliProcess> {
  const started = await startedCli(await stateDir(), { args: ['--store', store] });
  running.push(started);
  return started;
}

describe('instances on one Redis as processes (the built CLI)', () => {
  it('kill -9 of one instance during a burst on two: nothing acknowledged is lost', {
    timeout: 60_000,
  }, async () => {
    const store = `${redis.url}?prefix=crash`;
    const [a, b] = [await cli(store), await cli(store)];
    const bearer = await token(a.baseUrl);
    const onA = burst(a.baseUrl, bearer, 8, 0);
    const onB = burst(b.baseUrl, bearer, 8, 1_000_000);
    for (let waited = 0; onA.acknowledged.length < 30 && waited < 10_000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 200));
    await a.crash();
    await onA.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await onB.stop();
    expect(onA.failures).toEqual([]);
    expect(onB.failures).toEqual([]);
    expect(onA.acknowledged.length).toBeGreaterThan(0);
    // A new instance started after the crash sees every acknowledged write of both.
    const c = await cli(store);
    const state = (await (await fetch(`${c.baseUrl}/__mock/state`)).json()) as {
      customers: Array<{ last_name?: string }>;
    };
    const names = new Set(state.customers.map((customer) => customer.last_name));
    const missing = [...onA.acknowledged, ...onB.acknowledged].filter((name) => !names.has(name));
    expect(missing).toEqual([]);
  });

  it('a Redis that cannot be reached at start is one clear line and exit 1', {
    timeout: 20_000,
  }, async () => {
    const down = await startRedis();
    const url = down.url;
    await down.dispose();
    const refused = await startCli(await stateDir(), { args: ['--store', url] });
    expect('code' in refused && refused.code).toBe(1);
    const stderr = 'stderr' in refused ? String(refused.stderr) : '';
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`blaaiz-mock: cannot reach Redis at ${url}`);
  });

  it('a store URL that is not redis:// is refused before anything starts', async () => {
    const refused = await startCli(await stateDir(), { args: ['--store', 'http://127.0.0.1:6379'] });
    expect('code' in refused && refused.code).toBe(2);
    expect('stderr' in refused && refused.stderr).toContain('--store must start with redis:// or rediss://');
  });
});
