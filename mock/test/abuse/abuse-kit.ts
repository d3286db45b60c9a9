import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type RunningServers, type ServerOptions, startServers } from '../../src/server.js';
import { makeTestMock } from '../../src/test-kit.js';

/** Sends a request and returns the Fetch response: in process (`app.request`) or over a socket (`fetch`). */
export type Send = (path: string, init: RequestInit) => Promise<Response>;

/** `GET /__mock/state` without its `now`, for before/after comparisons. */
export async function stateSnapshot(send: Send): Promise<unknown> {
  const res = await send('/__mock/state', { method: 'GET' });
  expect(res.status).toBe(200);
  const { now: _now, ...rest } = (await res.json()) as Record<string, unknown>;
  return rest;
}

/** What a refusal looked like, for the property's failure report. */
export interface Refusal {
  status: number;
  contentType: string;
  body: string;
}

/** Asserts the API's error shape: 4xx, JSON with a string `message` (and `error` on the token endpoint). */
export async function expectApiRefusal(res: Response, path: string): Promise<Refusal> {
  const refusal = {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: await res.text(),
  };
  expect(refusal.status, refusal.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(refusal.status, refusal.body.slice(0, 300)).toBeLessThan(500);
  expect(refusal.contentType).toMatch(/^application\/json/);
  const json = JSON.parse(refusal.body) as Record<string, unknown>;
  expect(typeof json.message, refusal.body.slice(0, 300)).toBe('string');
  // OAuth errors carry `error` too, an oversized token request included.
  if (path.startsWith('/oauth/token')) expect(typeof json.error, refusal.body.slice(0, 300)).toBe('string');
  return refusal;
}

/** Asserts the object store's error shape: 4xx and an S3 XML `<Error>` with a code and a message. */
export async function expectS3Refusal(res: Response): Promise<string> {
  const body = await res.text();
  expect(res.status, body).toBeGreaterThanOrEqual(400);
  expect(res.status, body).toBeLessThan(500);
  expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
  expect(body).toMatch(/^<\?xml[^>]*>\s*<Error><Code>\w+<\/Code><Message>[^<]*<\/Message>/);
  return /<Code>(\w+)<\/Code>/.exec(body)?.[1] ?? '';
}

/** A mock on real sockets (port 0), its state in a temporary folder, with a token holding every scope. */
export async function startSocketMock(options: ServerOptions = {}) {
  const stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-abuse-'));
  const running: RunningServers = await startServers({
    port: 0,
    storagePort: 0,
    storageScheme: 'http',
    stateDir,
    ...options,
  });
  const send: Send = (path, init) => fetch(`${running.baseUrl}${path}`, init);
  const tokenFor = async (scope: string) => {
    const res = await send('/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'mock-client',
        client_secret: 'mock-secret',
        scope,
      }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  return {
    running,
    send,
    tokenFor,
    async close() {
      await running.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** A mock to abuse, in process or over sockets, with a token holding every scope the flows need. */
export interface Target {
  send: Send;
  put(url: string, body: Uint8Array): Promise<Response>;
  token: string;
  close(): Promise<void>;
}

/** An in-process target (`app.request`): bodies still arrive as streams, read asynchronously. */
export async function inProcessTarget(): Promise<Target> {
  const mock = await makeTestMock();
  return {
    send: async (path, init) => mock.api.request(path, init),
    put: async (url, body) => mock.storage.request(url, { method: 'PUT', body }),
    token: await mock.token(),
    close: async () => undefined,
  };
}

/** A target on real sockets: requests interleave for real while their bodies stream in. */
export async function socketTarget(options: ServerOptions = {}): Promise<Target> {
  const mock = await startSocketMock(options);
  return {
    send: mock.send,
    put: (url, body) => fetch(url, { method: 'PUT', body }),
    token: await mock.tokenFor('customer:read customer:write file:upload'),
    close: mock.close,
  };
}

/** A JSON call with the target's token; the body parsed. */
export async function callJson(target: Target, method: string, path: string, body?: unknown) {
  const res = await target.send(path, {
    method,
    headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

/** Runs `count` copies of `task` at once and returns their results in order. */
export function inParallel<T>(count: number, task: (index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => task(index)));
}
