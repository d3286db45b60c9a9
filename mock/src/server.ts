import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './app.js';
import { createDeps, type MockConfig, type MockDeps } from './deps.js';
import { openObjectStore } from './store/object-store.js';
import type { Seed } from './store/seed.js';
import { ensureTlsMaterial } from './tls/local-ca.js';

/** How to start an instance; every field is optional (defaults: README "Configuration"). */
export interface ServerOptions {
  host?: string;
  port?: number;
  storagePort?: number;
  storageScheme?: 'https' | 'http';
  stateDir?: string;
  seed?: Seed;
  config?: Partial<MockConfig>;
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

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(
  app: Hono,
  host: string,
  port: number,
  tls?: { key: string; cert: string },
): Promise<ServerType> {
  return new Promise((resolveListen, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        hostname: host,
        port,
        ...(tls ? { createServer: createHttpsServer, serverOptions: tls } : {}),
      },
      () => resolveListen(server),
    );
    server.once('error', reject);
    // Slow or stalled clients must not hold a connection for ever.
    Object.assign(server, { headersTimeout: 15_000, requestTimeout: 120_000, keepAliveTimeout: 5_000 });
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}

/** Starts the API and the object store of one instance; nothing is shared with other instances. */
export async function startServers(options: ServerOptions = {}): Promise<RunningServers> {
  const host = options.host ?? '127.0.0.1';
  const scheme = options.storageScheme ?? 'https';
  const stateDir = resolve(options.stateDir ?? '.blaaiz-mock');
  const tls = scheme === 'https' ? await ensureTlsMaterial(stateDir, [host]) : undefined;
  const objectsDir = await mkdtemp(join(tmpdir(), 'blaaiz-mock-objects-'));
  const deps = createDeps({
    objects: await openObjectStore(objectsDir),
    ...(options.seed ? { seed: options.seed } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(tls ? { caCertPem: tls.caCertPem } : {}),
  });
  const apps = createApp(deps);
  const storage = await listen(
    apps.storage,
    host,
    options.storagePort ?? 4443,
    tls && { key: tls.serverKeyPem, cert: tls.serverCertPem },
  );
  const api = await listen(apps.api, host, options.port ?? 4010).catch(async (error) => {
    await closeServer(storage);
    throw error;
  });
  deps.urls.storage = `${scheme}://${urlHost(host)}:${(storage.address() as AddressInfo).port}`;
  deps.urls.api = `http://${urlHost(host)}:${(api.address() as AddressInfo).port}`;
  return {
    baseUrl: deps.urls.api,
    storageUrl: deps.urls.storage,
    ...(tls ? { caCertPath: tls.caCertPath, caCertPem: tls.caCertPem } : {}),
    stateDir,
    deps,
    async close() {
      await Promise.all([closeServer(api), closeServer(storage)]);
      await rm(objectsDir, { recursive: true, force: true });
    },
  };
}
