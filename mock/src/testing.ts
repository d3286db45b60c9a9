import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { readSeedFile } from './cli-options.js';
import type { ReviewOutcome } from './core/review.js';
import type { Seed } from './core/seed.js';
import { checkSeed } from './core/seed-check.js';
import { checkHost, checkPort, checkScheme, checkSeconds, checkText } from './option-checks.js';
import { parsePublicUrl } from './public-url.js';
import { startServers } from './server.js';
import { checkStoreUrl } from './store/redis-keys.js';
import { isStateExport, type StateExport } from './store/state-export.js';
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
export type { ReceivedDelivery, StatusChangedEvent, WebhookReceiver } from './testing/webhook-receiver.js';
export type { ReviewOutcome, Seed, StateExport };

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
  /** The platform's clients, legacy keys and customers, an export document, or the path of either (default: demo data). */
  seed?: Seed | StateExport | string;
  /** Keep the state in \`<stateDir>/state\` and load it again on the next start (default false: in memory). */
  durable?: boolean;
  /** `redis://HOST:PORT/DB[?prefix=NAME]`: share the state with every instance on that Redis (env `BLAAIZ_MOCK_STORE`). */
  store?: string;
  /** Virtual seconds a review runs before it completes by itself (default 60). */
  reviewDelaySeconds?: number;
  /** HMAC secret of tokens and URLs; instances sharing it accept each other's tokens. */
  signingSecret?: string;
  /** Allow-list the platform for `kyb_scope: MINIMAL` (default false). */
  minimalKyb?: boolean;
  /** Enforce 120 requests/minute and 1,500/hour per client, answering 429 (default false). */
  rateLimit?: boolean;
  /** Token the `/__mock/*` controls require; generated when `host` is not a loopback address. */
  adminToken?: string;
  /** Platform setting `external_kyc` (default true); false verifies an individual when `id_file` is attached. */
  externalKyc?: boolean;
  /** Platform setting `auto_verify_business_customers` (default false): `/submit` verifies at once. */
  autoVerifyBusiness?: boolean;
  /** Refuse a non-PDF/JPEG/PNG file at attach (422) instead of in the review (default false). */
  strictFiles?: boolean;
  /** API base URL clients on other hosts use (e.g. `http://mock:4010`); `baseUrl` reports it. */
  publicUrl?: string;
  /** Base URL presigned URLs point at (e.g. `https://mock:4443`); its host is put in the certificate. */
  storagePublicUrl?: string;
  /** Requests the journal keeps, newest last (default 1,000; 0 turns it off). */
  journalSize?: number;
}

/** Checks every option the way the CLI checks its flags: one line naming the option at fault. */
function checkedOptions(options: StartMockOptions) {
  const name = (option: string) => `startMock option ${option}`;
  const known = new Set([
    'host',
    'port',
    'storagePort',
    'storageScheme',
    'stateDir',
    'seed',
    'reviewDelaySeconds',
    'signingSecret',
    'adminToken',
    'minimalKyb',
    'rateLimit',
    'externalKyc',
    'autoVerifyBusiness',
    'strictFiles',
    'publicUrl',
    'storagePublicUrl',
    'durable',
    'journalSize',
    'store',
  ]);
  const unknown = Object.keys(options).find((key) => !known.has(key));
  if (unknown !== undefined) throw new Error(`${name(unknown)} is not an option of startMock`);
  const optional = <T>(key: keyof StartMockOptions, check: (source: string, value: unknown) => T) =>
    options[key] === undefined ? undefined : check(name(key), options[key]);
  const flag = (key: 'minimalKyb' | 'rateLimit' | 'externalKyc' | 'autoVerifyBusiness' | 'strictFiles') =>
    optional(key, (source, value) => {
      if (typeof value !== 'boolean') throw new Error(`${source} must be true or false`);
      return value;
    });
  const delay = optional('reviewDelaySeconds', checkSeconds);
  const secret = optional('signingSecret', checkText);
  const adminToken = optional('adminToken', checkText);
  const journalSize = optional('journalSize', (source, value) => {
    if (!(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 1_000_000))
      throw new Error(`${source} must be an integer from 0 to 1000000`);
    return value as number;
  });
  const store = optional('store', checkStoreUrl);
  const publicUrl = optional('publicUrl', (s, v) => parsePublicUrl(s, String(v)));
  const storagePublicUrl = optional('storagePublicUrl', (s, v) => parsePublicUrl(s, String(v)));
  return {
    host: optional('host', checkHost) ?? '127.0.0.1',
    port: optional('port', checkPort) ?? 0,
    storagePort: optional('storagePort', checkPort) ?? 0,
    storageScheme: optional('storageScheme', checkScheme) ?? 'https',
    stateDir: optional('stateDir', checkText) ?? defaultStateDir(),
    durable:
      optional('durable', (source, value) => {
        if (typeof value !== 'boolean') throw new Error(`${source} must be true or false`);
        return value;
      }) ?? false,
    ...(store === undefined ? {} : { store }),
    ...(publicUrl === undefined ? {} : { publicUrl }),
    ...(storagePublicUrl === undefined ? {} : { storagePublicUrl }),
    config: {
      minimalKybAllowed: flag('minimalKyb') ?? false,
      rateLimit: flag('rateLimit') ?? false,
      externalKyc: flag('externalKyc') ?? true,
      autoVerifyBusiness: flag('autoVerifyBusiness') ?? false,
      strictFiles: flag('strictFiles') ?? false,
      ...(delay === undefined ? {} : { reviewDelaySeconds: delay }),
      ...(secret === undefined ? {} : { signingSecret: secret }),
      ...(adminToken === undefined ? {} : { adminToken }),
      ...(journalSize === undefined ? {} : { journalSize }),
    },
  };
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
  /** Token the `/__mock/*` controls require (`Authorization: Bearer`), or null when none is needed. */
  adminToken: string | null;
}

/** A running instance: connection data, mock controls and `close()`. */
export interface MockInstance extends MockConnection, MockControls {
  /** Where the listeners are bound (`host:port`); differs from the URLs when public URLs are given. */
  listening: { api: string; storage: string };
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
  const checked = checkedOptions(options);
  const seed =
    typeof options.seed === 'string'
      ? readSeedFile(options.seed)
      : options.seed === undefined || isStateExport(options.seed)
        ? options.seed
        : checkSeed(options.seed, 'startMock option seed');
  const running = await startServers({ ...checked, ...(seed ? { seed } : {}) });
  let closing: Promise<void> | undefined;
  return {
    baseUrl: running.baseUrl,
    storageUrl: running.storageUrl,
    caCert: running.caCertPem ?? null,
    caCertPath: running.caCertPath ?? null,
    listening: running.listening,
    credentials: await running.deps.store.transact(credentialsOf),
    adminToken: running.adminToken ?? null,
    ...mockControls(running.baseUrl, running.adminToken),
    close() {
      closing ??= running.close();
      return closing;
    },
  };
}
