import type { StateStore } from './state-store.js';

/**
 * Wraps a store so that a transaction leaving events in the outbox, or starting a review (a new due
 * moment for the dispatcher's timer), calls `onEvents` once it has committed (on a later tick: the
 * caller's answer never waits for a delivery).
 */
export function signalOutbox(store: StateStore, onEvents: () => void): StateStore {
  return {
    async transact(decide) {
      let queued = false;
      try {
        return await store.transact((state, now) => {
          const reviews = state.reviewing.size;
          try {
            return decide(state, now);
          } finally {
            // Settling (a review coming due) queues events too, even when the decision throws.
            queued = state.outbox.length > 0 || state.reviewing.size > reviews;
          }
        });
      } finally {
        if (queued) setImmediate(onEvents);
      }
    },
    clockOffsetMs: () => store.clockOffsetMs(),
    close: () => store.close(),
  };
}
