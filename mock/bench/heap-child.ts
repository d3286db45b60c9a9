/**
 * Child process of the bench (run with `--expose-gc`): one in-process mock (`createApp(createDeps(…))`),
 * `count` presigns through `app.request()` left unused, the virtual clock moved past their expiry, and
 * the heap in use after a forced GC before and after. Prints one JSON line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { DEMO_IDS } from '../src/demo-data.js';
import { createDeps } from '../src/deps.js';
import { openObjectStore } from '../src/store/object-store.js';

const count = Number(process.argv[2] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function heapInUse(): number {
  for (let i = 0; i < 4; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

const dir = await mkdtemp(join(tmpdir(), 'blaaiz-bench-heap-'));
const deps = createDeps({ objects: await openObjectStore(dir), now: () => Date.UTC(2026, 0, 1) });
const { api } = createApp(deps);
const tokenReply = await api.request('/oauth/token', {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: 'grant_type=client_credentials&client_id=mock-client&client_secret=mock-secret&scope=file:upload',
});
const { access_token: token } = (await tokenReply.json()) as { access_token: string };
const init = {
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify({ customer_id: DEMO_IDS.individual, file_category: 'identity' }),
};

async function presignMany(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await api.request('/api/external/file/get-presigned-url', init);
    if (res.status !== 200) throw new Error(`presign ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  }
}

async function expireAll(): Promise<void> {
  const seconds = deps.config.presignTtlSeconds + 1;
  const res = await api.request('/__mock/clock/advance', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seconds }),
  });
  if (res.status !== 200) throw new Error(`clock advance ${res.status}`);
}

// Warm-up: the same path once at a smaller scale, so lazily built code and caches count in "before".
await presignMany(20_000);
await expireAll();
const before = heapInUse();
const started = performance.now();
await presignMany(count);
const seconds = (performance.now() - started) / 1000;
const peak = heapInUse();
const pendingAtPeak = await deps.store.transact((state) => state.pending.size);
await expireAll();
const after = heapInUse();
console.log(
  JSON.stringify({
    count,
    before,
    peak,
    after,
    pendingAtPeak,
    pendingAfter: await deps.store.transact((state) => state.pending.size),
    presignsPerSecond: count / seconds,
  }),
);
await rm(dir, { recursive: true, force: true });
