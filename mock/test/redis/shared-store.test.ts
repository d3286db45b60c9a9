import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServers, startServers } from '../../src/server.js';
import { PDF_BYTES, PNG_BYTES } from '../../src/test-kit.js';
import { startMock } from '../../src/testing.js';
import { call, individual, token } from '../durability/api-calls.js';
import { type RedisServer, startRedis } from './redis-server.js';

let redis: RedisServer;
const dirs: string[] = [];
const running: RunningServers[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(running.map((instance) => instance.close().catch(() => undefined)));
  await redis.dispose();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function instance(prefix: string): Promise<RunningServers> {
  const stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-shared-'));
  dirs.push(stateDir);
  const started = await startServers({
    port: 0,
    storagePort: 0,
    storageScheme: 'http',
    stateDir,
    store: `${redis.url}?prefix=${prefix}`,
  });
  running.push(started);
  return started;
}

/** The same URL on another instance's object store (what a load balancer in front of them does). */
function via(target: RunningServers, url: string): string {
  const parsed = new URL(url);
  return `${target.storageUrl}${parsed.pathname}${parsed.search}`;
}

async function put(url: string, bytes: Uint8Array, type = 'image/png'): Promise<Response> {
  return fetch(url, { method: 'PUT', headers: { 'content-type': type }, body: bytes });
}

async function business(baseUrl: string, bearer: string, registration: string) {
  return call(baseUrl, bearer, 'POST', '/api/external/customer', {
    type: 'business',
    business_name: 'Shared Co',
    email: `shared-${Math.random().toString(36).slice(2)}@example.com`,
    country: 'GB',
    registration_number: registration,
    incorporation_country: 'GB',
  });
}

/** A token of the demo client that may also register webhooks. */
async function hookToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=mock-client&client_secret=mock-secret&scope=customer:read customer:write webhook:write',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('several instances on one Redis', () => {
  it('presign on A, PUT on B, attach on A; a KYB document PUT on B, registered on A, downloaded from C', {
    timeout: 30_000,
  }, async () => {
    const [a, b, c] = [await instance('flow'), await instance('flow'), await instance('flow')];
    const bearer = await token(a.baseUrl);
    const created = await call(a.baseUrl, bearer, 'POST', '/api/external/customer', individual(1));
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    const presign = await call(a.baseUrl, bearer, 'POST', '/api/external/file/get-presigned-url', {
      customer_id: id,
      file_category: 'proof_of_address',
    });
    expect(presign.status).toBe(200);
    expect((await put(via(b, presign.body.url), PNG_BYTES)).status).toBe(200);
    const attach = await call(a.baseUrl, bearer, 'POST', `/api/external/customer/${id}/files`, {
      proof_of_address_file: presign.body.file_id,
    });
    expect(attach.status).toBe(200);

    const kyb = await business(a.baseUrl, bearer, 'RC-FLOW-1');
    expect(kyb.status).toBe(201);
    const base = `/api/external/customer/${kyb.body.data.id}/document`;
    const docPresign = await call(a.baseUrl, bearer, 'POST', `${base}/presigned-url`);
    expect(docPresign.status).toBe(200);
    expect((await put(via(b, docPresign.body.data.url), PDF_BYTES, 'application/pdf')).status).toBe(200);
    const doc = await call(a.baseUrl, bearer, 'POST', base, {
      type: 'CERTIFICATE_OF_INCORPORATION',
      name: 'Certificate.pdf',
      file_id: docPresign.body.data.file_id,
    });
    expect(doc.status).toBe(201);
    const read = await call(c.baseUrl, bearer, 'GET', `${base}/${doc.body.data.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.url.startsWith(c.storageUrl)).toBe(true);
    const download = await fetch(read.body.data.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF_BYTES)).toBe(true);
  });

  it('races split over two instances have one winner: 100 registrations of one file, one PUT URL, one registration number', {
    timeout: 60_000,
  }, async () => {
    const pair = [await instance('race'), await instance('race')];
    const bearer = await token(pair[0]?.baseUrl as string);
    const on = (n: number) => pair[n % 2] as RunningServers;
    const kyb = await business(on(0).baseUrl, bearer, 'RC-RACE-1');
    const base = `/api/external/customer/${kyb.body.data.id}/document`;
    const presign = await call(on(1).baseUrl, bearer, 'POST', `${base}/presigned-url`);
    const url = presign.body.data.url as string;
    const puts = await Promise.all(
      Array.from({ length: 40 }, (_, n) => put(via(on(n), url), PDF_BYTES, 'application/pdf')),
    );
    expect(puts.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(puts.every((answer) => answer.status === 200 || answer.status === 403)).toBe(true);

    const registrations = await Promise.all(
      Array.from({ length: 100 }, (_, n) =>
        call(on(n).baseUrl, bearer, 'POST', base, {
          type: 'CERTIFICATE_OF_INCORPORATION',
          name: `Certificate ${n}.pdf`,
          file_id: presign.body.data.file_id,
        }),
      ),
    );
    const won = registrations.filter((answer) => answer.status === 201);
    expect(won).toHaveLength(1);
    const lost = registrations.filter((answer) => answer.status !== 201);
    expect(lost.every((answer) => answer.status === 422)).toBe(true);
    expect(lost[0]?.body.message).toContain('already been attached to another record');
    const list = await call(on(1).baseUrl, bearer, 'GET', base);
    expect(list.body.data).toHaveLength(1);

    const same = await Promise.all(
      Array.from({ length: 20 }, (_, n) => business(on(n).baseUrl, bearer, 'RC-RACE-2')),
    );
    expect(same.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(same.every((answer) => answer.status === 201 || answer.status === 422)).toBe(true);
  });

  it('reset and the clock act on the shared state; a prefix keeps another sandbox apart', {
    timeout: 30_000,
  }, async () => {
    const [a, b] = [await instance('controls'), await instance('controls')];
    const other = await instance('elsewhere');
    const bearer = await token(a.baseUrl);
    const created = await call(b.baseUrl, bearer, 'POST', '/api/external/customer', individual(7));
    const id = created.body.data.id as string;
    expect((await call(a.baseUrl, bearer, 'GET', `/api/external/customer/${id}`)).status).toBe(200);
    // Another prefix is another sandbox: its own secret (this token is foreign there) and its own customers.
    expect((await call(other.baseUrl, bearer, 'GET', `/api/external/customer/${id}`)).status).toBe(401);
    const otherBearer = await token(other.baseUrl);
    expect((await call(other.baseUrl, otherBearer, 'GET', `/api/external/customer/${id}`)).status).toBe(404);
    const advanced = await call(a.baseUrl, bearer, 'POST', '/__mock/clock/advance', { seconds: 3600 });
    expect(advanced.status).toBe(200);
    const state = await call(b.baseUrl, bearer, 'GET', '/__mock/state');
    expect(state.body.clock_offset_seconds).toBe(3600);
    expect((await call(a.baseUrl, bearer, 'POST', '/__mock/reset', {})).status).toBe(200);
    const after = await call(b.baseUrl, bearer, 'GET', '/__mock/state');
    expect(after.body.clock_offset_seconds).toBe(0);
    expect(after.body.customers.some((customer: { id: string }) => customer.id === id)).toBe(false);
  });

  it('a webhook delivery is made once although three instances run', { timeout: 30_000 }, async () => {
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end('ok');
      });
    });
    await once(receiver.listen(0, '127.0.0.1'), 'listening');
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/collection`;
    try {
      const trio = [await instance('hooks'), await instance('hooks'), await instance('hooks')];
      const [a, b, c] = trio as [RunningServers, RunningServers, RunningServers];
      const bearer = await hookToken(a.baseUrl);
      const registered = await call(a.baseUrl, bearer, 'POST', '/api/external/webhook', {
        collection_url: hook,
        payout_url: 'https://example.com/payout',
      });
      expect(registered.status).toBe(200);
      const ids: string[] = [];
      for (let n = 0; n < 3; n++) {
        const created = await call(
          trio[n]?.baseUrl as string,
          bearer,
          'POST',
          '/api/external/customer',
          individual(100 + n),
        );
        ids.push(created.body.data.id);
      }
      const reviews = await Promise.all(
        ids.map((id, n) =>
          call(trio[(n + 1) % 3]?.baseUrl as string, bearer, 'POST', `/__mock/customers/${id}/review`, {
            outcome: 'VERIFIED',
          }),
        ),
      );
      expect(reviews.map((review) => review.status)).toEqual([200, 200, 200]);
      for (let waited = 0; received.length < 3 && waited < 10_000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
      // Every instance looks for due work at least once a second: give them time to send a second copy.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await Promise.all([b.deps.webhooks.drain(), c.deps.webhooks.drain()]);
      expect(received).toHaveLength(3);
      const customers = received.map((text) => JSON.stringify(JSON.parse(text)));
      for (const id of ids) expect(customers.filter((text) => text.includes(id))).toHaveLength(1);
    } finally {
      receiver.closeAllConnections();
      receiver.close();
    }
  });

  it('startMock({ store }) instances share the state; a bad store URL is refused with one line', {
    timeout: 30_000,
  }, async () => {
    const store = `${redis.url}?prefix=harness`;
    const first = await startMock({ store, storageScheme: 'http' });
    const second = await startMock({ store, storageScheme: 'http' });
    try {
      const bearer = await token(first.baseUrl);
      const created = await call(first.baseUrl, bearer, 'POST', '/api/external/customer', individual(300));
      const read = await call(
        second.baseUrl,
        bearer,
        'GET',
        `/api/external/customer/${created.body.data.id}`,
      );
      expect(read.status).toBe(200);
      expect(read.body.data.email).toBe('ada.300@example.com');
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
    await expect(startMock({ store: 'memory' })).rejects.toThrow('startMock option store must be a URL');
  });

  it('Redis going away answers 503 in the API shape; the instance recovers when it is back', {
    timeout: 40_000,
  }, async () => {
    const a = await instance('outage');
    const bearer = await token(a.baseUrl);
    expect((await call(a.baseUrl, bearer, 'POST', '/api/external/customer', individual(200))).status).toBe(
      201,
    );
    await redis.stop();
    const refused = await call(a.baseUrl, bearer, 'POST', '/api/external/customer', individual(201));
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({
      status: false,
      message: 'The shared state store cannot be reached; nothing was changed. Try again shortly.',
    });
    await redis.start();
    let answer = refused;
    for (let waited = 0; answer.status !== 201 && waited < 15_000; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await call(a.baseUrl, bearer, 'POST', '/api/external/customer', individual(202));
    }
    expect(answer.status).toBe(201);
    // The restarted Redis kept nothing (no persistence): the sandbox was seeded again, and goes on.
    const listed = await call(a.baseUrl, bearer, 'GET', `/api/external/customer/${answer.body.data.id}`);
    expect(listed.status).toBe(200);
  });
});
