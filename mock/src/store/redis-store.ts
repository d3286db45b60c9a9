import type { Redis } from 'ioredis';
import { type Changes, ChangeTracker, noChanges } from './change-tracker.js';
import { StateUnavailableError } from './commit-batch.js';
import type { RedisKeys } from './redis-keys.js';
import { COMMIT_SCRIPT, LOAD_SCRIPT, REFRESH_SCRIPT } from './redis-scripts.js';
import {
  applyLogPayload,
  applyValue,
  changedKeys,
  commitArgs,
  encodeShared,
  type SharedKey,
  stateFromLoad,
} from './redis-state.js';
import type { MockState } from './state.js';
import { STATE_FORMAT_VERSION } from './state-codec.js';
import type { Decide, StateStore, StoreHooks } from './state-store.js';

/** How to build a shared store on a connected client. */
export interface RedisStoreOptions {
  redis: Redis;
  keys: RedisKeys;
  hooks: StoreHooks;
  /** A seeded state, written when Redis holds none (first start, or the data was lost). */
  seed: (now: number) => MockState;
  log?: (line: string) => void;
}

/** The store shared by every instance on one Redis (README "Several instances on one Redis"). */
export interface RedisStore extends StateStore {
  /** Loads the newest state when another instance committed, so the clock offset stays current. */
  refreshSoon(): void;
}

type Queued = {
  decide: Decide<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};
type Run = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Commits refused by a newer version in a row before a batch gives up with a 503. */
const MAX_ATTEMPTS = 200;

/** A script's answer: `{1, version}` for a commit made, else `{version, kind, values?, payloads?}` (kind a string). */
type Reply = Array<number | string | string[]>;

type Scripts = Redis & {
  blaaizCommit(...args: string[]): Promise<Reply>;
  blaaizRefresh(...args: string[]): Promise<Reply>;
  blaaizLoad(...args: string[]): Promise<unknown[]>;
};

/**
 * A state shared through Redis. Each instance keeps a copy of the state and the version it is at; a
 * batch of transactions brings the copy up to the newest version (the commits since, from the change
 * log), decides on it synchronously, and commits what it changed with a script that refuses the
 * commit if another instance committed first. A refused batch is read back and decided again.
 */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  const { redis, keys, hooks } = options;
  const log = options.log ?? ((line: string) => console.error(`blaaiz-mock: ${line}`));
  redis.defineCommand('blaaizCommit', { numberOfKeys: keys.state.length, lua: COMMIT_SCRIPT });
  redis.defineCommand('blaaizRefresh', { numberOfKeys: keys.state.length, lua: REFRESH_SCRIPT });
  redis.defineCommand('blaaizLoad', { numberOfKeys: keys.state.length, lua: LOAD_SCRIPT });
  const scripts = redis as Scripts;
  let state: MockState | undefined;
  let tracker: ChangeTracker | undefined;
  let version = 0;
  /** Epoch of the last state held, so a state seeded again after a loss tells in-flight uploads it is new. */
  let lastEpoch: number | undefined;
  let queue: Queued[] = [];
  let running: Promise<void> | undefined;
  let closed = false;

  function adopt(next: MockState, at: number): void {
    state = next;
    lastEpoch = next.epoch;
    tracker = new ChangeTracker(next, encodeShared);
    version = at;
  }

  async function loadAll(): Promise<void> {
    const reply = await scripts.blaaizLoad(...keys.state);
    const loaded = stateFromLoad(reply, STATE_FORMAT_VERSION);
    if (loaded) return adopt(loaded, reply[0] as number);
    // Nothing in Redis: seed it, unless another instance does so first.
    const seeded = options.seed(hooks.realNow());
    if (lastEpoch !== undefined) seeded.epoch = lastEpoch + 1;
    const seededReply = await commit(0, { ...noChanges(), full: JSON.stringify(encodeShared(seeded)) });
    if (typeof seededReply[1] === 'string') return loadAll();
    if (lastEpoch !== undefined)
      log('the shared state was missing from Redis (was it restarted?): seeded it again');
    adopt(seeded, seededReply[1] as number);
  }

  function commit(expected: number, changes: Changes): Promise<Reply> {
    const args = commitArgs(changes);
    return scripts.blaaizCommit(
      ...keys.state,
      String(expected),
      args.full ? '1' : '0',
      args.payload,
      String(STATE_FORMAT_VERSION),
      args.hint,
      ...args.ops,
    );
  }

  /**
   * Brings the copy to the version of `reply` (a refresh's, or a refused commit's): `stale` are the keys
   * it changed that Redis never took, put back to their stored values, then the commits since applied.
   */
  async function catchUp(reply: Reply, stale: SharedKey[] | 'all'): Promise<void> {
    const [at, kind, values = [], payloads = []] = reply as [number, string, string[]?, string[]?];
    if (!state || !tracker || stale === 'all' || kind === 'gone' || kind === 'gap') return loadAll();
    for (const [index, key] of stale.entries()) applyValue(state, key, values[index] || null);
    for (const payload of payloads) if (!applyLogPayload(state, payload)) return loadAll();
    tracker.collect(noChanges());
    version = at;
  }

  function decideAll(batch: Queued[], copy: MockState): Run[] {
    return batch.map(({ decide }) => {
      const now = hooks.realNow() + copy.clockOffsetMs;
      try {
        hooks.settle(copy, now);
        return { ok: true, value: decide(copy, now) };
      } catch (error) {
        return { ok: false, error };
      }
    });
  }

  /**
   * Decides on the copy as it is and commits against its version; when another instance committed in
   * between, the refusal brings what changed since, and the batch is decided again on that. A batch
   * that changed nothing checks that its version is still the newest (its reads were current).
   */
  async function runBatch(batch: Queued[]): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let runs: Run[];
      try {
        if (!state) await loadAll();
        runs = decideAll(batch, state as MockState);
        const changes = noChanges();
        if ((tracker as ChangeTracker).collect(changes)) {
          const reply = await commit(version, changes);
          if (typeof reply[1] === 'string') {
            await catchUp(reply, changes.full === undefined ? changedKeys(changes) : 'all');
            if (attempt > 2) await new Promise((wait) => setTimeout(wait, Math.random() * attempt));
            continue;
          }
          version = reply[1] as number;
        } else {
          const reply = await scripts.blaaizRefresh(...keys.state, String(version));
          if (reply[1] !== 'same') {
            await catchUp(reply, []);
            continue;
          }
        }
      } catch (error) {
        // The copy may hold changes Redis never got (or did get): load it whole next time.
        state = undefined;
        const failure =
          error instanceof StateUnavailableError
            ? error
            : new StateUnavailableError(`Redis: ${(error as Error).message}`);
        for (const item of batch) item.reject(failure);
        return;
      }
      runs.forEach((run, index) => {
        const item = batch[index] as Queued;
        if (run.ok) item.resolve(run.value);
        else item.reject(run.error);
      });
      return;
    }
    state = undefined;
    const busy = new StateUnavailableError('the shared state kept changing under this instance');
    for (const item of batch) item.reject(busy);
  }

  async function loop(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      await runBatch(batch);
    }
    running = undefined;
  }

  const store: RedisStore = {
    transact<T>(decide: Decide<T>): Promise<T> {
      if (closed) return Promise.reject(new StateUnavailableError('the store is closed'));
      return new Promise<T>((resolve, reject) => {
        queue.push({ decide, resolve: resolve as (value: unknown) => void, reject });
        running ??= loop();
      });
    },
    clockOffsetMs: () => state?.clockOffsetMs ?? 0,
    refreshSoon() {
      if (!closed && !running) store.transact(() => undefined).catch(() => undefined);
    },
    async close() {
      closed = true;
      await running;
    },
  };
  return store;
}
