import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app.js';
import { advanceClock } from './core/clock.js';
import type { CoreContext } from './core/context.js';
import { ALL_SCOPES } from './core/scopes.js';
import { applySeed } from './core/seed.js';
import { DEMO_SEED } from './demo-data.js';
import { createDeps, type DepsOptions, type MockDeps } from './deps.js';
import { openObjectStore } from './store/object-store.js';
import { createState, type MockState } from './store/state.js';

/** A tiny valid PNG head followed by padding: passes the content check. */
export const PNG_BYTES = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
/** A minimal PDF. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let testRoot: string | undefined;

/** This process's folder for every test instance's uploads, made on first use and removed when it exits. */
function processTestRoot(): string {
  if (testRoot) return testRoot;
  const root = mkdtempSync(join(tmpdir(), 'blaaiz-test-'));
  process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  testRoot = root;
  return root;
}

/** A demo-seeded state and a core context at `T0` with counter ids, for unit tests of core rules. */
export function coreFixture(): { state: MockState; ctx: CoreContext } {
  const state = createState();
  let n = 0;
  const ctx: CoreContext = {
    now: T0,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    platformBusinessId: 'platform',
    reviewDelaySeconds: 60,
    presignTtlSeconds: 300,
    maxUploadBytes: 1024,
    externalKyc: true,
    autoVerifyBusiness: false,
    strictFiles: false,
  };
  applySeed(state, DEMO_SEED, ctx, () => []);
  return { state, ctx };
}

/** Base path of the customer endpoints. */
export const CUSTOMERS_PATH = '/api/external/customer';

/** An owner holding the whole business, with a one-sided ID (passport). */
export const SOLE_OWNER = {
  first_name: 'Ann',
  last_name: 'Lee',
  ownership_percentage: 100,
  id_document_type: 'passport',
};

/** The instant the test clock starts at. */
export const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: NonNullable<RequestInit['body']>;
  headers?: Record<string, string>;
}

/** A mock instance for route tests: in-process apps, a frozen clock and helpers for the common steps. */
export async function makeTestMock(options: Partial<DepsOptions> = {}) {
  const objects = await openObjectStore(await mkdtemp(join(processTestRoot(), 'objects-')));
  const deps: MockDeps = createDeps({
    now: () => T0,
    ...options,
    objects,
    urls: { storage: 'https://storage.test' },
  });
  const { api, storage } = createApp(deps);
  /** Reads (or changes) the instance's state in one transaction, as a route would. */
  const read = <T>(look: (state: MockState, now: number) => T) => deps.store.transact(look);
  /** Moves the instance's virtual clock; tests that move it put it back with `resetClock` in `afterEach`. */
  const advance = (seconds: number) => read((state) => advanceClock(state, seconds));
  const resetClock = () =>
    read((state) => {
      state.clockOffsetMs = 0;
    });

  async function call(method: string, path: string, opts: CallOptions = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: NonNullable<RequestInit['body']> | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await api.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely and assert on them
    return { status: res.status, headers: res.headers, text, json: json as Record<string, any> };
  }

  async function token(clientId = 'mock-client', scope: string = ALL_SCOPES.join(' ')) {
    const secret = (await read((state) => state.clients.get(clientId)?.clientSecret)) ?? 'unknown';
    const res = await call('POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope },
    });
    if (res.status !== 200) throw new Error(`token: ${res.status} ${res.text}`);
    return res.json.access_token as string;
  }

  /** Presigns and PUTs `bytes` for a customer; returns the file_id and the PUT response. */
  async function upload(
    accessToken: string,
    customerId: string,
    category: string,
    bytes: Uint8Array = PNG_BYTES,
  ) {
    const presign = await call('POST', '/api/external/file/get-presigned-url', {
      token: accessToken,
      body: { customer_id: customerId, file_category: category },
    });
    if (presign.status !== 200) throw new Error(`presign: ${presign.status} ${presign.text}`);
    const put = await storage.request(presign.json.url, { method: 'PUT', body: bytes });
    return { fileId: presign.json.file_id as string, url: presign.json.url as string, put };
  }

  async function createIndividual(accessToken: string, extra: Record<string, unknown> = {}) {
    const res = await call('POST', '/api/external/customer', {
      token: accessToken,
      body: {
        type: 'individual',
        first_name: 'Test',
        last_name: 'Person',
        email: `person-${Math.random().toString(36).slice(2)}@example.com`,
        country: 'NG',
        id_type: 'passport',
        id_number: 'P1234567',
        ...extra,
      },
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${res.text}`);
    return res.json.data.id as string;
  }

  /** Creates a business customer (FULL unless told) and returns its id and owner ids. */
  async function createBusiness(accessToken: string, extra: Record<string, unknown> = {}) {
    const res = await call('POST', '/api/external/customer', {
      token: accessToken,
      body: {
        type: 'business',
        business_name: 'Test Co',
        email: `kyb-${Math.random().toString(36).slice(2)}@example.com`,
        country: 'GB',
        registration_number: `RC${Math.random().toString(36).slice(2, 10)}`,
        incorporation_country: 'GB',
        ...extra,
      },
    });
    if (res.status !== 201) throw new Error(`create business: ${res.status} ${res.text}`);
    return {
      id: res.json.data.id as string,
      ownerIds: (res.json.data.owners ?? []).map((o: { id: string }) => o.id) as string[],
    };
  }

  /** Presigns through a KYB endpoint (nested answer) and PUTs `bytes`; returns the file_id. */
  async function uploadKyb(
    accessToken: string,
    presignPath: string,
    body: unknown,
    bytes: Uint8Array = PDF_BYTES,
  ) {
    const presign = await call('POST', presignPath, {
      token: accessToken,
      ...(body === undefined ? {} : { body }),
    });
    if (presign.status !== 200) throw new Error(`presign: ${presign.status} ${presign.text}`);
    const put = await storage.request(presign.json.data.url, { method: 'PUT', body: bytes });
    if (put.status !== 200) throw new Error(`put: ${put.status}`);
    return presign.json.data.file_id as string;
  }

  return {
    deps,
    api,
    storage,
    read,
    advance,
    resetClock,
    call,
    token,
    upload,
    uploadKyb,
    createIndividual,
    createBusiness,
  };
}
