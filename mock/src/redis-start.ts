import { Redis } from 'ioredis';
import { settleToClock } from './core/settle.js';
import { createDeps, type DepsOptions, type MockDeps, reseed } from './deps.js';
import { randomSigningSecret } from './signing/secret-file.js';
import { type RedisKeys, type RedisTarget, redisKeys } from './store/redis-keys.js';
import { createRedisStore } from './store/redis-store.js';
import { createState } from './store/state.js';

/** An instance's connections to the Redis its sandbox shares: commands, and change notices. */
export interface SharedRedis {
  target: RedisTarget;
  keys: RedisKeys;
  redis: Redis;
  subscriber: Redis;
  close(): Promise<void>;
}

/** How often an instance on a shared store looks for due work itself (another instance may have died). */
export const SHARED_POLL_MS = 1_000;

function onOutage(redis: Redis, target: RedisTarget): void {
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    console.error(
      `blaaiz-mock: lost Redis at ${target.display} (${error.message}); answering 503 until it is back`,
    );
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    console.error(`blaaiz-mock: Redis at ${target.display} is back`);
  });
}

async function connected(redis: Redis, target: RedisTarget): Promise<void> {
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `cannot reach Redis at ${target.display}: ${(error as Error).message || 'connection refused'}`,
    );
  }
}

/** Connects to `target` (one clear error when it cannot be reached); commands fail fast while it is away. */
export async function connectRedis(target: RedisTarget): Promise<SharedRedis> {
  const options = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    commandTimeout: 5_000,
    retryStrategy: (times: number) => Math.min(100 * times, 1_000),
  };
  const redis = new Redis(target.url, options);
  redis.on('error', () => undefined);
  await connected(redis, target);
  onOutage(redis, target);
  const subscriber = redis.duplicate({ ...options, enableOfflineQueue: true, commandTimeout: undefined });
  subscriber.on('error', () => undefined);
  await connected(subscriber, target);
  const keys = redisKeys(target.prefix);
  await subscriber.subscribe(keys.channel);
  return {
    target,
    keys,
    redis,
    subscriber,
    async close() {
      await Promise.all([redis, subscriber].map((client) => client.quit().catch(() => client.disconnect())));
    },
  };
}

/** The value kept at `key`, written first by whichever instance gets there (`given` wins when set). */
export async function sharedSecret(redis: Redis, key: string, given?: string): Promise<string> {
  if (given !== undefined) return given;
  await redis.set(key, randomSigningSecret(), 'NX');
  return (await redis.get(key)) as string;
}

/**
 * The deps of an instance on a shared store: state and uploaded bytes in Redis (seeded by the first
 * instance to find it empty), woken when another instance commits events or a review.
 */
export async function redisDeps(shared: SharedRedis, options: DepsOptions): Promise<MockDeps> {
  let deps: MockDeps | undefined;
  const store = createRedisStore({
    redis: shared.redis,
    keys: shared.keys,
    hooks: { realNow: Date.now, settle: settleToClock },
    seed: (now) => {
      const seeded = createState();
      reseed(deps as MockDeps, seeded, now);
      return seeded;
    },
  });
  deps = createDeps({
    ...options,
    store,
    webhookPollMs: SHARED_POLL_MS,
  });
  const woken = deps.webhooks;
  // Only commits others must act on at once wake an instance; any other change is read by its next transaction.
  shared.subscriber.on('message', (_channel: string, message: string) => {
    if (!message.endsWith(':1')) return;
    store.refreshSoon();
    woken.kick();
  });
  // The first transaction loads the shared state, or seeds it when Redis holds none.
  await deps.store.transact(() => undefined);
  return deps;
}
