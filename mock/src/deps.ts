import { randomUUID } from 'node:crypto';
import { type Clock, createClock } from './core/clock.js';
import type { CoreContext } from './core/context.js';
import { createRateLimiter, type RateLimiter } from './core/rate-limit.js';
import { settleDueReviews } from './core/review.js';
import { sweepExpiredUploads } from './core/uploads.js';
import { DEMO_SEED } from './demo-data.js';
import { createRequestValidator, type RequestValidator } from './http/request-validator.js';
import type { TokenClaims } from './signing/jwt.js';
import { randomSigningSecret } from './signing/secret-file.js';
import type { ObjectStore } from './store/object-store.js';
import { applySeed, type Seed } from './store/seed.js';
import { createState, type MockState } from './store/state.js';

/** Settings of one mock instance; every field has a default (see `defaultConfig`). */
export interface MockConfig {
  signingSecret: string;
  reviewDelaySeconds: number;
  presignTtlSeconds: number;
  maxUploadBytes: number;
  platformBusinessId: string;
  minimalKybAllowed: boolean;
  /** Enforce the live API's 120/minute and 1,500/hour per client (429 with X-RateLimit-* headers). */
  rateLimit: boolean;
  /** When set, `/__mock/*` requires `Authorization: Bearer <adminToken>` (always set on a non-loopback host). */
  adminToken?: string;
}

/** The defaults; the signing secret has none in the source: each instance gets one (see `createDeps`). */
export const defaultConfig: Omit<MockConfig, 'signingSecret'> = {
  reviewDelaySeconds: 60,
  presignTtlSeconds: 300,
  maxUploadBytes: 25 * 1024 * 1024,
  platformBusinessId: '9d4c4ec5-572d-49de-a362-f01ed09f2b1b',
  minimalKybAllowed: false,
  rateLimit: false,
};

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
  state: MockState;
  seed: Seed;
  objects: ObjectStore;
  urls: MockUrls;
  validator: RequestValidator;
  rateLimiter: RateLimiter;
  /** Tokens already verified (token → claims), so a client's repeated calls skip the HMAC check. */
  verifiedTokens: Map<string, TokenClaims>;
  /** PEM of the CA the object store's certificate chains to, when it serves https. */
  caCertPem?: string;
}

/** Options of `createDeps`; tests pass a frozen `now` and counter ids. */
export interface DepsOptions {
  objects: ObjectStore;
  config?: Partial<MockConfig>;
  seed?: Seed;
  now?: () => number;
  newId?: () => string;
  urls?: Partial<MockUrls>;
  caCertPem?: string;
}

/** The context domain functions receive, at the clock's current time. */
export function coreContext(deps: MockDeps): CoreContext {
  const { config } = deps;
  return {
    now: deps.clock.now(),
    newId: deps.newId,
    platformBusinessId: config.platformBusinessId,
    reviewDelaySeconds: config.reviewDelaySeconds,
    presignTtlSeconds: config.presignTtlSeconds,
    maxUploadBytes: config.maxUploadBytes,
  };
}

/** Brings the state up to the virtual clock: reviews due are completed, expired presigns reclaimed. */
export function settleToClock(deps: MockDeps): void {
  const now = deps.clock.now();
  settleDueReviews(deps.state, now);
  sweepExpiredUploads(deps.state, now);
}

/** Replaces the state with a fresh copy of the seed (start-up and `POST /__mock/reset`). */
export function loadSeed(deps: MockDeps): void {
  deps.state = createState();
  deps.rateLimiter.reset();
  deps.verifiedTokens.clear();
  // The built-in demo seed is checked against the spec by its own test; a user's seed is checked here.
  const check = (body: unknown) => Object.values(deps.validator.bodyErrors('createCustomer', body)).flat();
  applySeed(deps.state, deps.seed, coreContext(deps), deps.seed === DEMO_SEED ? () => [] : check);
}

/**
 * Builds the dependencies of one instance, seeded (with the demo platform unless told otherwise). Without
 * a `signingSecret` the instance signs with a random one of its own (the CLI keeps one per state dir).
 */
export function createDeps(options: DepsOptions): MockDeps {
  const deps: MockDeps = {
    config: {
      ...defaultConfig,
      ...options.config,
      signingSecret: options.config?.signingSecret ?? randomSigningSecret(),
    },
    clock: createClock(options.now ?? Date.now),
    newId: options.newId ?? randomUUID,
    state: createState(),
    seed: options.seed ?? DEMO_SEED,
    objects: options.objects,
    urls: { api: 'http://127.0.0.1:4010', storage: 'https://127.0.0.1:4443', ...options.urls },
    validator: createRequestValidator(),
    rateLimiter: createRateLimiter(),
    verifiedTokens: new Map(),
    ...(options.caCertPem === undefined ? {} : { caCertPem: options.caCertPem }),
  };
  loadSeed(deps);
  return deps;
}
