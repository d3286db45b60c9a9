import type { MockState } from './state.js';
import { type EncodedState, encodeState } from './state-codec.js';
import { TrackedMap } from './tracked-map.js';

/**
 * The keyed collections of the state, by their name in both `MockState` (a Map) and `EncodedState` (an
 * array), with the key of an encoded entry. Every other encoded field is compared and stored whole.
 */
export const COLLECTIONS = {
  customers: (entry: { view: { id: string } }) => entry.view.id,
  files: (entry: { fileId: string }) => entry.fileId,
  pending: (entry: { fileId: string }) => entry.fileId,
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
const NAMES = Object.keys(COLLECTIONS) as CollectionName[];

/** What one or more transactions changed, as JSON texts: entries put (null: deleted) and whole fields. */
export interface Changes {
  /** The whole encoded state, when a transaction replaced the collections (reset, import). */
  full?: string;
  entries: Record<CollectionName, Map<string, string | null>>;
  fields: Map<string, string>;
}

/** An empty change set. */
export function noChanges(): Changes {
  return { entries: { customers: new Map(), files: new Map(), pending: new Map() }, fields: new Map() };
}

/** True when `changes` holds nothing to write. */
export function isEmpty(changes: Changes): boolean {
  return (
    changes.full === undefined &&
    changes.fields.size === 0 &&
    NAMES.every((n) => changes.entries[n].size === 0)
  );
}

type AnyMap = Map<string, unknown>;
type Collections = Record<CollectionName, TrackedMap<string, unknown>>;

/**
 * Watches a state for changes between transactions: the collections are swapped for tracking Maps (same
 * behaviour, and still `instanceof Map`), and the last written JSON of every entry and field is kept, so
 * a transaction that only read writes nothing. The core is unaware of it.
 */
export class ChangeTracker {
  private tracked = {} as Collections;
  private entryJson = {} as Record<CollectionName, Map<string, string>>;
  private fieldJson = new Map<string, string>();
  private version = 0;

  constructor(
    private state: MockState,
    private encode: (state: MockState) => EncodedState = encodeState,
  ) {
    this.rebase();
  }

  /** The whole state as written now, and tracking restarted from it. */
  rebase(): string {
    const state = this.state as unknown as Record<CollectionName, AnyMap>;
    for (const name of NAMES) {
      const map = new TrackedMap<string, unknown>();
      for (const [key, value] of state[name]) map.set(key, value);
      map.forget();
      state[name] = this.tracked[name] = map;
    }
    const encoded = this.encode(this.state) as unknown as Record<string, unknown>;
    this.version = encoded.version as number;
    for (const name of NAMES) {
      const keyOf = COLLECTIONS[name] as (entry: unknown) => string;
      this.entryJson[name] = new Map((encoded[name] as unknown[]).map((e) => [keyOf(e), JSON.stringify(e)]));
    }
    this.fieldJson = new Map(
      this.otherFields(encoded).map(([field, value]) => [field, JSON.stringify(value)]),
    );
    return JSON.stringify(encoded);
  }

  /** Adds what happened since the last call to `into`; returns whether anything changed. */
  collect(into: Changes): boolean {
    const state = this.state as unknown as Record<CollectionName, AnyMap>;
    if (NAMES.some((name) => state[name] !== this.tracked[name])) {
      Object.assign(into, noChanges(), { full: this.rebase() });
      return true;
    }
    const shell: Record<string, unknown> = { ...this.state };
    let changed = false;
    for (const name of NAMES) {
      const map = this.tracked[name];
      const keys = map.everything ? new Set([...map.allKeys(), ...this.entryJson[name].keys()]) : map.touched;
      const subset = new Map<string, unknown>();
      for (const key of keys) {
        const value = map.peek(key);
        if (value !== undefined) subset.set(key, value);
        else if (this.entryJson[name].delete(key)) {
          into.entries[name].set(key, null);
          changed = true;
        }
      }
      map.forget();
      shell[name] = subset;
    }
    const encoded = this.encode(shell as unknown as MockState) as unknown as Record<string, unknown>;
    for (const name of NAMES) {
      const keyOf = COLLECTIONS[name] as (entry: unknown) => string;
      for (const entry of encoded[name] as unknown[]) {
        const key = keyOf(entry);
        const json = JSON.stringify(entry);
        if (this.entryJson[name].get(key) === json) continue;
        this.entryJson[name].set(key, json);
        into.entries[name].set(key, json);
        changed = true;
      }
    }
    for (const [field, value] of this.otherFields(encoded)) {
      const json = JSON.stringify(value);
      if (this.fieldJson.get(field) === json) continue;
      this.fieldJson.set(field, json);
      into.fields.set(field, json);
      changed = true;
    }
    return changed;
  }

  /** The whole state as last collected, as JSON, assembled from the kept texts: nothing is encoded again. */
  snapshotJson(): string {
    const parts = [`"version":${this.version}`];
    for (const [field, json] of this.fieldJson) parts.push(`${JSON.stringify(field)}:${json}`);
    for (const name of NAMES) parts.push(`"${name}":[${[...this.entryJson[name].values()].join(',')}]`);
    return `{${parts.join(',')}}`;
  }

  private otherFields(encoded: Record<string, unknown>): Array<[string, unknown]> {
    return Object.entries(encoded).filter(([field]) => field !== 'version' && !(field in COLLECTIONS));
  }
}
