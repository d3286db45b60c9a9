/**
 * Child process of the bench (run with `--expose-gc`): one in-process mock with the default journal
 * (a ring of 1,000; a second argument sets another size), `count` journaled customer reads through `app.request()`, and the heap in use after
 * a forced GC once the ring is full and again at the end. Prints one JSON line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { DEMO_IDS } from '../src/demo-data.js';
import { createDeps } from '../src/deps.js';
import { openObjectStore } from '../src/store/object-store.js';

const count = Number(process.argv[2] ?? 200_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function heapInUse(): number {
  for (let i = 0; i < 4; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

const dir = await mkdtemp(join(tmpdir(), 'blaaiz-bench-journal-'));
const journalSize = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const deps = createDeps({
  objects: await openObjectStore(dir),
  now: () => Date.UTC(2026, 0, 1),
  ...(journalSize === undefined ? {} : { config: { journalSize } }),
});
const { api } = createApp(deps);
const tokenReply = await api.request('/oauth/token', {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: 'grant_type=client_credentials&client_id=mock-client&client_secret=mock-secret&scope=customer:read',
});
const { access_token: token } = (await tokenReply.json()) as { access_token: string };

async function readMany(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await api.request(`/api/external/customer/${DEMO_IDS.business}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`getCustomer ${res.status}`);
    await res.arrayBuffer();
  }
}

// The ring filled several times over first, so "full" holds a full journal and warmed code.
await readMany(deps.config.journalSize * 5);
const full = heapInUse();
await readMany(count);
const after = heapInUse();
console.log(
  JSON.stringify({ count, capacity: deps.journal.capacity, held: deps.journal.size(), full, after }),
);
await rm(dir, { recursive: true, force: true });
