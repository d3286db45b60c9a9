import type { MockState } from './state.js';

/** A decision on the state at virtual time `now`: synchronous, so its check-then-write is atomic. */
export type Decide<T> = (state: MockState, now: number) => T;

/**
 * Where an instance's state lives. Every read and write of the state is one `transact`: load, settle to
 * the clock, decide synchronously, commit. A decision that throws has changed nothing (core rules check
 * before they write), but what settling changed is committed all the same.
 */
export interface StateStore {
  transact<T>(decide: Decide<T>): Promise<T>;
  /** The virtual clock's offset as of the latest transaction, for checks made outside one (signatures). */
  clockOffsetMs(): number;
  close(): Promise<void>;
}

/** What a store needs from its instance: real time and the core's settling step. */
export interface StoreHooks {
  realNow: () => number;
  settle: (state: MockState, now: number) => void;
}

/** The in-memory store (`startMock()` default): one state object, decisions run at once, nothing to commit. */
export function createMemoryStore(state: MockState, hooks: StoreHooks): StateStore {
  return {
    async transact(decide) {
      const now = hooks.realNow() + state.clockOffsetMs;
      hooks.settle(state, now);
      return decide(state, now);
    },
    clockOffsetMs: () => state.clockOffsetMs,
    close: async () => undefined,
  };
}
