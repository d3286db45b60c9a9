/**
 * Child process of the bench: one mock API on `@hono/node-server` with a journal of the given size
 * (argv[2]; 0 = off), loaded by autocannon in the same process with a fixed number of presigns; prints
 * the process's CPU time per request (client and server together, so only differences mean something).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { createApp } from '../src/app.js';
import { DEMO_IDS } from '../src/demo-data.js';
import { createDeps } from '../src/deps.js';
import { openObjectStore } from '../src/store/object-store.js';

const journalSize = Number(process.argv[2] ?? 1_000);
const amount = Number(process.argv[3] ?? 20_000);
const dir = await mkdtemp(join(tmpdir(), 'blaaiz-bench-journal-cost-'));
const deps = createDeps({ objects: await openObjectStore(dir), config: { journalSize } });
const server = serve({ fetch: createApp(deps).api.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((done) => server.once('listening', done));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const form =
  'grant_type=client_credentials&client_id=mock-client&client_secret=mock-secret&scope=file:upload';
const reply = await fetch(`${base}/oauth/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: form,
});
const { access_token: token } = (await reply.json()) as { access_token: string };
const load = () =>
  autocannon({
    url: `${base}/api/external/file/get-presigned-url`,
    method: 'POST',
    connections: 16,
    amount,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ customer_id: DEMO_IDS.individual, file_category: 'identity' }),
  });
await load(); // warm-up
const before = process.cpuUsage();
const result = await load();
const used = process.cpuUsage(before);
if (result.non2xx > 0 || result.errors > 0)
  throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
console.log(JSON.stringify({ journalSize, cpuMicrosPerRequest: (used.user + used.system) / amount }));
server.close();
await rm(dir, { recursive: true, force: true });
process.exit(0);
