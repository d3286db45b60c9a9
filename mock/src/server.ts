import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getRequestListener, RequestError } from '@hono/node-server';
import { Context, type Hono } from 'hono';
import { createApp } from './app.js';
import type { Seed } from './core/seed.js';
import { createDeps, type MockConfig, type MockDeps } from './deps.js';
import { ApiError, errorResponse } from './errors.js';
import { s3Error } from './http/s3-errors.js';
import { openObjectStore } from './store/object-store.js';
import { ensureTlsMaterial } from './tls/local-ca.js';

/** Limits on slow or stalled clients (ms): headers, whole request (a 25 MB upload must fit), idle keep-alive. */
export type ServerTimeouts = { headersMs?: number; requestMs?: number; keepAliveMs?: number };

/** The timeouts used unless `ServerOptions.timeouts` says otherwise; tests pass short ones. */
export const DEFAULT_TIMEOUTS = { headersMs: 15_000, requestMs: 120_000, keepAliveMs: 5_000 };

/** How to start an instance; every field is optional (defaults: README "Configuration"). */
export interface ServerOptions {
  host?: string;
  port?: number;
  storagePort?: number;
  storageScheme?: 'https' | 'http';
  stateDir?: string;
  seed?: Seed;
  config?: Partial<MockConfig>;
  timeouts?: ServerTimeouts;
}

/** A running instance: its URLs, its CA, its deps (for in-process control) and `close()`. */
export interface RunningServers {
  baseUrl: string;
  storageUrl: string;
  caCertPath?: string;
  caCertPem?: string;
  stateDir: string;
  deps: MockDeps;
  close(): Promise<void>;
}

/** How one listener answers: where, with which limits, in which error shape, over TLS or not. */
interface ListenerSpec {
  host: string;
  port: number;
  timeouts: Required<ServerTimeouts>;
  badRequest: (message: string) => Response;
  tls?: { key: string; cert: string } | undefined;
}

type Listening = { server: Server; close: () => Promise<void> };

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

const bareContext = () => new Context(new Request('http://mock.invalid/'));
const apiBadRequest = (message: string) => errorResponse(bareContext(), new ApiError(400, message));
const storageBadRequest = (message: string) =>
  s3Error(bareContext(), 'AuthorizationQueryParametersError', message, '/');

/** On close, lets requests in flight finish, then drops idle and stalled (half-sent) connections. */
function gracefulClose(server: Server): () => Promise<void> {
  let active = 0;
  let settled: (() => void) | undefined;
  server.on('request', (_req: IncomingMessage, res) => {
    active++;
    res.once('close', () => --active === 0 && settled?.());
  });
  return async () => {
    const closed = new Promise<void>((done) => server.close(() => done()));
    server.closeIdleConnections();
    if (active > 0) await new Promise<void>((done) => (settled = done));
    server.closeAllConnections();
    await closed;
  };
}

async function listen(app: Hono, spec: ListenerSpec): Promise<Listening> {
  const listener = getRequestListener(app.fetch, {
    hostname: spec.host,
    // A request Node parsed but no URL can be built from (bad Host, backslash path) still gets the API's shape.
    errorHandler(error) {
      if (error instanceof RequestError) return spec.badRequest(`Malformed request: ${error.message}`);
      console.error(error);
      return errorResponse(bareContext(), ApiError.of('serverError'));
    },
  });
  const { headersMs, requestMs, keepAliveMs } = spec.timeouts;
  const options = {
    headersTimeout: headersMs,
    requestTimeout: Math.max(requestMs, headersMs),
    keepAliveTimeout: keepAliveMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersMs / 4))),
  };
  const server = spec.tls
    ? createHttpsServer({ ...options, ...spec.tls }, listener)
    : createHttpServer(options, listener);
  const close = gracefulClose(server);
  await once(server.listen(spec.port, spec.host), 'listening');
  return { server, close };
}

/** Starts the API and the object store of one instance; nothing is shared with other instances. */
export async function startServers(options: ServerOptions = {}): Promise<RunningServers> {
  const host = options.host ?? '127.0.0.1';
  const scheme = options.storageScheme ?? 'https';
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const stateDir = resolve(options.stateDir ?? '.blaaiz-mock');
  const tls = scheme === 'https' ? await ensureTlsMaterial(stateDir, [host]) : undefined;
  const objectsDir = await mkdtemp(join(tmpdir(), 'blaaiz-mock-objects-'));
  // A start that fails (bad seed, port taken) leaves no uploads folder behind.
  return listenBoth(options, { host, scheme, timeouts, stateDir, tls, objectsDir }).catch(async (error) => {
    await rm(objectsDir, { recursive: true, force: true });
    throw error;
  });
}

interface StartPlan {
  host: string;
  scheme: 'https' | 'http';
  timeouts: Required<ServerTimeouts>;
  stateDir: string;
  tls: Awaited<ReturnType<typeof ensureTlsMaterial>> | undefined;
  objectsDir: string;
}

async function listenBoth(options: ServerOptions, plan: StartPlan): Promise<RunningServers> {
  const { host, scheme, timeouts, stateDir, tls, objectsDir } = plan;
  const deps = createDeps({
    objects: await openObjectStore(objectsDir),
    ...(options.seed ? { seed: options.seed } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(tls ? { caCertPem: tls.caCertPem } : {}),
  });
  const apps = createApp(deps);
  const storageTls = tls && { key: tls.serverKeyPem, cert: tls.serverCertPem };
  const port = options.storagePort ?? 4443;
  const storage = await listen(apps.storage, {
    host,
    port,
    timeouts,
    badRequest: storageBadRequest,
    tls: storageTls,
  });
  const apiSpec = { host, port: options.port ?? 4010, timeouts, badRequest: apiBadRequest };
  const api = await listen(apps.api, apiSpec).catch((e) => storage.close().then(() => Promise.reject(e)));
  deps.urls.storage = `${scheme}://${urlHost(host)}:${(storage.server.address() as AddressInfo).port}`;
  deps.urls.api = `http://${urlHost(host)}:${(api.server.address() as AddressInfo).port}`;
  return {
    baseUrl: deps.urls.api,
    storageUrl: deps.urls.storage,
    ...(tls ? { caCertPath: tls.caCertPath, caCertPem: tls.caCertPem } : {}),
    stateDir,
    deps,
    async close() {
      // A stalled upload (fault) would hold the graceful close forever: let it go first.
      deps.faults.releaseStalls();
      await Promise.all([api.close(), storage.close()]);
      await rm(objectsDir, { recursive: true, force: true });
    },
  };
}
