import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { getRequestListener, RequestError } from '@hono/node-server';
import { Context, type Hono } from 'hono';
import { createApp } from './app.js';
import type { Seed } from './core/seed.js';
import { createDeps, type MockConfig, type MockDeps } from './deps.js';
import { durableDeps, openDurableStore } from './durable-start.js';
import { ApiError, errorResponse } from './errors.js';
import { clientErrorAnswer } from './http/client-error.js';
import { isLoopbackHost } from './http/control-guard.js';
import { s3Error } from './http/s3-errors.js';
import { boundAddress, certificateHosts } from './public-url.js';
import { connectRedis, redisDeps, type SharedRedis, sharedSecret } from './redis-start.js';
import { ensureSigningSecret, randomSigningSecret } from './signing/secret-file.js';
import type { FileStore } from './store/file-store.js';
import { openObjectStore } from './store/object-store.js';
import { parseRedisUrl } from './store/redis-keys.js';
import { redisObjects } from './store/redis-objects.js';
import type { StateExport } from './store/state-export.js';
import { createUploadsDir } from './store/uploads-dir.js';
import { ensureTlsMaterial } from './tls/local-ca.js';

/**
 * Limits on slow or stalled clients (ms): headers, whole request (a 25 MB upload must fit), idle
 * keep-alive, and the grace period `close()` gives requests in flight before it cuts them off.
 */
export type ServerTimeouts = {
  headersMs?: number;
  requestMs?: number;
  keepAliveMs?: number;
  graceMs?: number;
};

/** The timeouts used unless `ServerOptions.timeouts` says otherwise; tests pass short ones. */
export const DEFAULT_TIMEOUTS = {
  headersMs: 15_000,
  requestMs: 120_000,
  keepAliveMs: 5_000,
  graceMs: 10_000,
};

/** How to start an instance; every field is optional (defaults: README "Configuration"). */
export interface ServerOptions {
  host?: string;
  port?: number;
  storagePort?: number;
  storageScheme?: 'https' | 'http';
  stateDir?: string;
  seed?: Seed | StateExport;
  config?: Partial<MockConfig>;
  timeouts?: ServerTimeouts;
  /** Base URL clients use for the API (`--public-url`), e.g. `http://mock:4010` from another container. */
  publicUrl?: string;
  /** Base URL presigned URLs point at (`--storage-public-url`); its host is in the certificate's names. */
  storagePublicUrl?: string;
  /** Keep the state in `<stateDir>/state` (journal, snapshot, uploaded bytes) instead of in memory. */
  durable?: boolean;
  /** Journal size past which a durable store compacts (default 8 MB). */
  compactAfterBytes?: number;
  /**
   * `redis://HOST:PORT/DB[?prefix=NAME]`: share the state, uploaded bytes and secrets with every instance
   * on that Redis (README "Several instances on one Redis"); `durable` is then ignored.
   */
  store?: string;
}

/** A running instance: its URLs, its CA, its deps (for in-process control) and `close()`. */
export interface RunningServers {
  baseUrl: string;
  storageUrl: string;
  caCertPath?: string;
  caCertPem?: string;
  stateDir: string;
  /** Token `/__mock/*` requires (`Authorization: Bearer`), when one is required. */
  adminToken?: string;
  /** Where the listeners are bound (`host:port`), which differs from the URLs when public URLs are given. */
  listening: { api: string; storage: string };
  deps: MockDeps;
  close(): Promise<void>;
}

/** How one listener answers: where, with which limits, in which error shape, over TLS or not. */
interface ListenerSpec {
  /** Which listener, for errors: `API` or `object store`, and the flag that sets its port. */
  name: string;
  portFlag: string;
  host: string;
  port: number;
  timeouts: Required<ServerTimeouts>;
  badRequest: (message: string) => Response;
  shape: 'api' | 'storage';
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

/**
 * On close, lets requests in flight finish for up to `graceMs`, then drops every connection left: idle,
 * stalled (half-sent) and uploads still streaming, whose partial files the object store then discards.
 */
function gracefulClose(server: Server, graceMs: number): () => Promise<void> {
  let active = 0;
  let settled: (() => void) | undefined;
  server.on('request', (_req: IncomingMessage, res) => {
    active++;
    res.once('close', () => --active === 0 && settled?.());
  });
  return async () => {
    const closed = new Promise<void>((done) => server.close(() => done()));
    server.closeIdleConnections();
    if (active > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((done) => {
        settled = done;
        timer = setTimeout(done, graceMs);
      });
      clearTimeout(timer);
    }
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
  // `ca: []`: no trust store on the server, so OpenSSL cannot complete the chain from NODE_EXTRA_CA_CERTS,
  // which may hold another state dir's CA of the same name (clients would then see a signature failure).
  const server = spec.tls
    ? createHttpsServer({ ...options, ...spec.tls, ca: [] }, listener)
    : createHttpServer(options, listener);
  server.on('clientError', clientErrorAnswer(spec.shape));
  const close = gracefulClose(server, spec.timeouts.graceMs);
  await once(server.listen(spec.port, spec.host), 'listening').catch((error: NodeJS.ErrnoException) => {
    const where = `${spec.host.includes(':') ? `[${spec.host}]` : spec.host}:${spec.port}`;
    if (error.code === 'EADDRINUSE')
      throw new Error(
        `the ${spec.name} port ${where} is already in use (choose another with ${spec.portFlag}, 0: any free port)`,
      );
    if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
      throw new Error(`the ${spec.name} cannot listen on ${where}: no such local address`);
    throw new Error(`the ${spec.name} cannot listen on ${where}: ${error.message}`);
  });
  return { server, close };
}

/** Starts the API and the object store of one instance; nothing is shared with other instances. */
export async function startServers(options: ServerOptions = {}): Promise<RunningServers> {
  const host = options.host ?? '127.0.0.1';
  const scheme = options.storageScheme ?? 'https';
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const stateDir = resolve(options.stateDir ?? '.blaaiz-mock');
  const shared = options.store ? await connectRedis(parseRedisUrl('store', options.store)) : undefined;
  const durable =
    options.durable && !shared ? await openDurableStore(stateDir, options.compactAfterBytes) : undefined;
  const tls =
    scheme === 'https'
      ? await ensureTlsMaterial(
          stateDir,
          certificateHosts(host, [options.storagePublicUrl, options.publicUrl]),
        ).catch(async (error: unknown) => {
          await durable?.close();
          await shared?.close();
          throw error;
        })
      : undefined;
  const objectsDir = durable ? durable.paths.objects : shared ? undefined : await createUploadsDir(stateDir);
  // A start that fails (bad seed, port taken) leaves no uploads folder behind, and a durable store unlocked.
  return listenBoth(options, { host, scheme, timeouts, stateDir, tls, objectsDir, durable, shared }).catch(
    async (error) => {
      if (durable) await durable.close();
      if (objectsDir && !durable) await rm(objectsDir, { recursive: true, force: true });
      await shared?.close();
      throw error;
    },
  );
}

interface StartPlan {
  host: string;
  scheme: 'https' | 'http';
  timeouts: Required<ServerTimeouts>;
  stateDir: string;
  tls: Awaited<ReturnType<typeof ensureTlsMaterial>> | undefined;
  objectsDir: string | undefined;
  durable: FileStore | undefined;
  shared: SharedRedis | undefined;
}

async function listenBoth(options: ServerOptions, plan: StartPlan): Promise<RunningServers> {
  const { host, scheme, timeouts, stateDir, tls, objectsDir, durable, shared } = plan;
  // Instances sharing a Redis share its secrets too (the first to start writes them).
  const signingSecret =
    options.config?.signingSecret ??
    (shared
      ? await sharedSecret(shared.redis, shared.keys.signingSecret)
      : await ensureSigningSecret(stateDir));
  // Reachable from other machines: the controls must not be open to whoever can reach the port.
  const adminToken =
    options.config?.adminToken ??
    (isLoopbackHost(host)
      ? undefined
      : shared
        ? await sharedSecret(shared.redis, shared.keys.adminToken)
        : randomSigningSecret());
  const depsOptions = {
    objects: shared
      ? redisObjects(shared.redis, shared.keys, shared.target.display)
      : await openObjectStore(objectsDir as string),
    ...(options.seed ? { seed: options.seed } : {}),
    config: { ...options.config, signingSecret, ...(adminToken === undefined ? {} : { adminToken }) },
    ...(tls ? { caCertPem: tls.caCertPem } : {}),
  };
  const deps = shared
    ? await redisDeps(shared, depsOptions)
    : durable
      ? await durableDeps(durable, depsOptions)
      : createDeps(depsOptions);
  const apps = createApp(deps);
  const storageTls = tls && { key: tls.serverKeyPem, cert: tls.serverCertPem };
  const port = options.storagePort ?? 4443;
  const storage = await listen(apps.storage, {
    name: 'object store',
    portFlag: '--storage-port',
    host,
    port,
    timeouts,
    badRequest: storageBadRequest,
    shape: 'storage',
    tls: storageTls,
  });
  const apiSpec = {
    name: 'API',
    portFlag: '--port',
    host,
    port: options.port ?? 4010,
    timeouts,
    badRequest: apiBadRequest,
    shape: 'api' as const,
  };
  const api = await listen(apps.api, apiSpec).catch((e) => storage.close().then(() => Promise.reject(e)));
  deps.urls.storage =
    options.storagePublicUrl ??
    `${scheme}://${urlHost(host)}:${(storage.server.address() as AddressInfo).port}`;
  deps.urls.api =
    options.publicUrl ?? `http://${urlHost(host)}:${(api.server.address() as AddressInfo).port}`;
  // From here on deliveries and due reviews happen on their own, even when nobody calls the mock.
  deps.webhooks.start();
  return {
    baseUrl: deps.urls.api,
    storageUrl: deps.urls.storage,
    ...(tls ? { caCertPath: tls.caCertPath, caCertPem: tls.caCertPem } : {}),
    stateDir,
    ...(adminToken === undefined ? {} : { adminToken }),
    listening: { api: boundAddress(api.server.address()), storage: boundAddress(storage.server.address()) },
    deps,
    async close() {
      // A stalled upload (fault) would hold the graceful close forever: let it go first.
      deps.faults.releaseStalls();
      await deps.webhooks.close();
      await Promise.all([api.close(), storage.close()]);
      if (durable) await durable.close();
      else if (objectsDir) await rm(objectsDir, { recursive: true, force: true });
      if (shared) {
        await deps.store.close();
        await shared.close();
      }
    },
  };
}
