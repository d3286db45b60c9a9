import type { Changes } from './change-tracker.js';

/** A change the store could not make durable (a failed write or fsync): nothing of it was kept. */
export class StateWriteError extends Error {}

/** The shared store (Redis) could not be reached or kept changing: the change may not have been made. */
export class StateUnavailableError extends StateWriteError {}

/** Transactions committed together: their changes, and the promise they wait on until the batch is durable. */
export interface Batch {
  changes: Changes;
  done: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** An empty batch around `changes`, whose rejection alone is never reported as unhandled. */
export function newBatch(changes: Changes): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const done = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  done.catch(() => undefined);
  return { changes, done, resolve, reject };
}
