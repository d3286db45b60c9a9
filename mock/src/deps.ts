import { randomUUID } from 'node:crypto';
import { defaultConfig, type MockConfig } from './config.js';
import { type Clock, createClock } from './core/clock.js';
import type { CoreContext } from './core/context.js';
import { createRateLimiter, type RateLimiter } from './core/rate-limit.js';
import { type RequestCheck, resetState, type Seed } from './core/seed.js';
import { applySeedWebhook, platformConfig } from './core/seed-platform.js';
import { settleToClock } from './core/settle.js';
import { DEMO_SEED } from './demo-data.js';
import { createFaultRegistry, type FaultRegistry, type FaultRegistryOptions } from './http/fault-registry.js';
import { createJournal, type Journal } from './http/journal.js';
import { createRequestValidator, type RequestValidator } from './http/request-validator.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './http/webhook-dispatcher.js';
import { nativeFetch, type WebhookFetch } from './http/webhook-sender.js';
import { randomSigningSecret } from './signing/secret-file.js';
import { createTokenVerifier, type TokenVerifier } from './signing/token-verifier.js';
import type { ObjectStore } from './store/object-store.js';
import { signalOutbox } from './store/outbox-signal.js';
import { createState, type MockState } from './store/state.js';
import { isStateExport, readStateExport, replaceState, type StateExport } from './store/state-export.js';
import { createMemoryStore, type StateStore } from './store/state-store.js';

export { defaultConfig, type MockConfig } from './config.js';

/** Public base URLs; the storage one is known only once its listener is bound, hence mutable. */
export interface MockUrls {
  api: string;
  storage: string;
}

/** Everything non-deterministic or environmental a mock instance uses, injected into `createApp`. */
export interface MockDeps {
  config: MockConfig;
  clock: Clock;
  newId: () => string;
  store: StateStore;
  /** What reset goes back to: a seed, or an export document (`--seed FILE` accepts both). */
  seed: Seed | StateExport;
  objects: ObjectStore;
  urls: MockUrls;
  validator: RequestValidator;
  rateLimiter: RateLimiter;
  tokens: TokenVerifier;
  /** Sends the webhook deliveries the state holds (README "Webhooks"). */
  webhooks: WebhookDispatcher;
  /** The last requests served (per instance, not part of the state). */
  journal: Journal;
  /** Active fault rules (per instance, not part of the state). */
  faults: FaultRegistry;
  /** PEM of the CA the object store's certificate chains to, when it serves https. */
  caCertPem?: string;
}

/** Options of `createDeps`; tests pass a frozen `now` and counter ids. */
export interface DepsOptions {
  objects: ObjectStore;
  config?: Partial<MockConfig>;
  seed?: Seed | StateExport;
  /** A store opened by the caller (the durable one), already holding its state: it is not seeded here. */
  store?: StateStore;
  now?: () => number;
  newId?: () => string;
  urls?: Partial<MockUrls>;
  caCertPem?: string;
  /** What webhook deliveries are sent through (default: the global `fetch`). */
  fetch?: WebhookFetch;
  /** Dice and waiting of the fault registry (tests fix them). */
  faults?: FaultRegistryOptions;
  /** Longest wait between looks for due deliveries (a shared store: another instance may change the state). */
  webhookPollMs?: number;
}

/** The context domain functions receive, at virtual time `now` (a transaction's). */
export function coreContext(deps: MockDeps, now: number): CoreContext {
  const { config } = deps;
  return {
    now,
    newId: deps.newId,
    platformBusinessId: config.platformBusinessId,
    reviewDelaySeconds: config.reviewDelaySeconds,
    presignTtlSeconds: config.presignTtlSeconds,
    maxUploadBytes: config.maxUploadBytes,
    externalKyc: config.externalKyc,
    autoVerifyBusiness: config.autoVerifyBusiness,
    strictFiles: config.strictFiles,
  };
}

/** Checks a seed's customers (the built-in demo seed too) like `POST /api/external/customer` bodies. */
function seedCheck(deps: Pick<MockDeps, 'validator'>): RequestCheck {
  return (body) => Object.values(deps.validator.bodyErrors('createCustomer', body)).flat();
}

/** Empties `state` and loads the instance's seed into it (start-up and `POST /__mock/reset`). */
export function reseed(deps: MockDeps, state: MockState, now: number): void {
  if (isStateExport(deps.seed)) {
    const read = readStateExport(deps.seed, state);
    if (!read.ok) throw new Error(`seed: ${read.message}`);
    replaceState(state, read.state);
    return;
  }
  const realNow = now - state.clockOffsetMs;
  resetState(state, deps.seed, coreContext(deps, now), seedCheck(deps));
  applySeedWebhook(state, deps.seed.webhook, coreContext(deps, realNow), deps.config.webhookChaos);
}

/** Forgets per-instance caches of the state (rate-limit buckets, verified tokens) after a reset. */
export function forgetCaches(deps: MockDeps): void {
  deps.rateLimiter.reset();
  deps.tokens.clear();
}

/** A whole reset (`POST /__mock/reset`, the inspector's button): seed, caches, uploads, journal and faults. */
export async function resetInstance(deps: MockDeps): Promise<void> {
  await deps.store.transact((state, now) => reseed(deps, state, now));
  forgetCaches(deps);
  deps.journal.clear();
  deps.faults.clear();
  await deps.objects.clear();
}

/**
 * Builds the dependencies of one instance, seeded (with the demo platform unless told otherwise). Without
 * a `signingSecret` the instance signs with a random one of its own (the CLI keeps one per state dir).
 */
export function createDeps(options: DepsOptions): MockDeps {
  const realNow = options.now ?? Date.now;
  const state = createState();
  let webhooks: WebhookDispatcher | undefined;
  // A transaction that queues status events wakes the dispatcher once it has committed.
  const store = signalOutbox(
    options.store ?? createMemoryStore(state, { realNow, settle: settleToClock }),
    () => webhooks?.kick(),
  );
  const seed = options.seed ?? DEMO_SEED;
  const config = platformConfig(isStateExport(seed) ? undefined : seed.platform, {
    ...defaultConfig,
    ...options.config,
    signingSecret: options.config?.signingSecret ?? randomSigningSecret(),
  });
  const newId = options.newId ?? randomUUID;
  webhooks = createWebhookDispatcher({
    store,
    realNow,
    newId,
    fetch: options.fetch ?? nativeFetch,
    owner: `instance-${randomUUID()}`,
    ...(options.webhookPollMs === undefined ? {} : { pollMs: options.webhookPollMs }),
  });
  const deps: MockDeps = {
    config,
    clock: createClock(realNow, () => store.clockOffsetMs()),
    newId,
    store,
    seed,
    objects: options.objects,
    urls: { api: 'http://127.0.0.1:4010', storage: 'https://127.0.0.1:4443', ...options.urls },
    validator: createRequestValidator(),
    rateLimiter: createRateLimiter(),
    tokens: createTokenVerifier(config.signingSecret),
    webhooks,
    journal: createJournal(config.journalSize),
    faults: createFaultRegistry(options.faults),
    ...(options.caCertPem === undefined ? {} : { caCertPem: options.caCertPem }),
  };
  if (!options.store) reseed(deps, state, realNow());
  return deps;
}
