import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { readSeedFile } from './cli-options.js';
import type { ReviewOutcome } from './core/review.js';
import type { Seed } from './core/seed.js';
import { startServers } from './server.js';
import { type MockControls, mockControls } from './testing/controls.js';
import { credentialsOf, type MockCredentials } from './testing/credentials.js';

export type { FaultInput, FaultRule } from './http/fault-rules.js';
export type { JournalEntry } from './http/journal.js';
export {
  type MockControls,
  type MockCustomer,
  type MockFaults,
  mockControls,
  type RequestFilter,
  type ReviewDetails,
} from './testing/controls.js';
export type { MockClient, MockCredentials } from './testing/credentials.js';
export type { ReviewOutcome, Seed };

/** How `startMock` starts an instance; every field is optional. */
export interface StartMockOptions {
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** API port (default 0: a free port). */
  port?: number;
  /** Object store port (default 0: a free port). */
  storagePort?: number;
  /** `https` (default, local CA: what the official Node SDK needs) or `http`. */
  storageScheme?: 'https' | 'http';
  /** Where the local CA is kept (default: a per-user folder under the OS temp dir, see `defaultStateDir`). */
  stateDir?: string;
  /** The platform's clients, legacy keys and customers, or the path of a JSON seed (default: demo data). */
  seed?: Seed | string;
  /** Virtual seconds a verification stays `PROCESSING` (default 60). */
  reviewDelaySeconds?: number;
  /** HMAC secret of tokens and URLs; instances sharing it accept each other's tokens. */
  signingSecret?: string;
  /** Allow-list the platform for `kyb_scope: MINIMAL` (default false). */
  minimalKyb?: boolean;
  /** Enforce 120 requests/minute and 1,500/hour per client, answering 429 (default false). */
  rateLimit?: boolean;
  /** Requests the journal keeps, newest last (default 1,000; 0 turns it off). */
  journalSize?: number;
}

/** What a started instance offers a test suite; the data fields are plain JSON (pass them to workers). */
export interface MockConnection {
  /** Base URL of the API (`http://127.0.0.1:<port>`): point the client under test at it. */
  baseUrl: string;
  /** Base URL of the object store the presigned URLs point at. */
  storageUrl: string;
  /** PEM of the CA the object store's certificate chains to (null when it serves http). */
  caCert: string | null;
  /** Path of that PEM, for `NODE_EXTRA_CA_CERTS` / `SSL_CERT_FILE` (null when it serves http). */
  caCertPath: string | null;
  credentials: MockCredentials;
}

/** A running instance: connection data, mock controls and `close()`. */
export interface MockInstance extends MockConnection, MockControls {
  /** Stops both listeners after in-flight requests and removes uploaded bytes; safe to call twice. */
  close(): Promise<void>;
}

/** The default state dir: stable per user, so the CA (trusted once) survives across runs. */
export function defaultStateDir(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = String(process.getuid?.() ?? 'user');
  }
  return join(tmpdir(), `blaaiz-mock-${user.replace(/[^\w.-]/g, '_')}`);
}

/**
 * Starts an instance's API and object store in this process (free ports unless told otherwise); several
 * instances share nothing but the CA files of a common state dir.
 */
export async function startMock(options: StartMockOptions = {}): Promise<MockInstance> {
  const seed = typeof options.seed === 'string' ? readSeedFile(options.seed) : options.seed;
  const running = await startServers({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    storagePort: options.storagePort ?? 0,
    storageScheme: options.storageScheme ?? 'https',
    stateDir: options.stateDir ?? defaultStateDir(),
    ...(seed ? { seed } : {}),
    config: {
      minimalKybAllowed: options.minimalKyb ?? false,
      rateLimit: options.rateLimit ?? false,
      ...(options.journalSize === undefined ? {} : { journalSize: options.journalSize }),
      ...(options.reviewDelaySeconds === undefined ? {} : { reviewDelaySeconds: options.reviewDelaySeconds }),
      ...(options.signingSecret === undefined ? {} : { signingSecret: options.signingSecret }),
    },
  });
  let closing: Promise<void> | undefined;
  return {
    baseUrl: running.baseUrl,
    storageUrl: running.storageUrl,
    caCert: running.caCertPem ?? null,
    caCertPath: running.caCertPath ?? null,
    credentials: await running.deps.store.transact(credentialsOf),
    ...mockControls(running.baseUrl),
    close() {
      closing ??= running.close();
      return closing;
    },
  };
}
