/** What one request to the API or the object store looked like, as sent and answered (secrets redacted). */
export interface JournalEntry {
  /** Position in the instance's journal: unique and increasing, also across evictions. */
  seq: number;
  /** Virtual time the request arrived (ISO 8601). */
  at: string;
  /** Which listener served it. */
  face: 'api' | 'storage';
  method: string;
  path: string;
  query: Record<string, string>;
  operationId: string | null;
  client_id: string | null;
  customer_id: string | null;
  status: number;
  /** Wall-clock milliseconds from arrival to the response head (what a client waits). */
  latency_ms: number;
  request: { headers: Record<string, string>; body: unknown };
  response: { headers: Record<string, string>; body: unknown };
  /** The fault that shaped this answer, if one fired. */
  fault: { id: string; action: string } | null;
}

/** Which entries `GET /__mock/requests` and `mock.requests()` return. */
export interface JournalFilter {
  operationId?: string;
  status?: number;
  customer_id?: string;
  client_id?: string;
  /** Only entries that arrived at or after this virtual instant (ms). */
  since?: number;
  /** Only the last `limit` matches. */
  limit?: number;
}

/** An entry still in pieces: built (redacted, parsed) the first time someone reads it, never on the hot path. */
export type PendingEntry = () => Omit<JournalEntry, 'seq'>;

/** A bounded ring of the last N requests: old entries are overwritten, so memory stays flat. */
export interface Journal {
  readonly capacity: number;
  record(entry: PendingEntry): void;
  /** Matching entries, oldest first. */
  list(filter?: JournalFilter): JournalEntry[];
  /** How many entries are held now (at most `capacity`). */
  size(): number;
  clear(): void;
}

function matches(entry: JournalEntry, filter: JournalFilter): boolean {
  if (filter.operationId !== undefined && entry.operationId !== filter.operationId) return false;
  if (filter.status !== undefined && entry.status !== filter.status) return false;
  if (filter.customer_id !== undefined && entry.customer_id !== filter.customer_id) return false;
  if (filter.client_id !== undefined && entry.client_id !== filter.client_id) return false;
  if (filter.since !== undefined && Date.parse(entry.at) < filter.since) return false;
  return true;
}

/** Makes an empty journal holding at most `capacity` entries (0 keeps nothing). */
export function createJournal(capacity: number): Journal {
  if (!Number.isInteger(capacity) || capacity < 0 || capacity > 1_000_000)
    throw new Error(`journal size must be an integer from 0 to 1000000, got ${capacity}`);
  const ring: ({ seq: number; build?: PendingEntry; entry?: JournalEntry } | undefined)[] = new Array(
    capacity,
  );
  let next = 0;
  let count = 0;
  let seq = 1;
  const built = (slot: { seq: number; build?: PendingEntry; entry?: JournalEntry }): JournalEntry => {
    if (!slot.entry && slot.build) {
      slot.entry = { ...slot.build(), seq: slot.seq };
      delete slot.build;
    }
    return slot.entry as JournalEntry;
  };
  return {
    capacity,
    record(build) {
      const slot = { seq: seq++, build };
      if (capacity === 0) return;
      ring[next] = slot;
      next = (next + 1) % capacity;
      count = Math.min(count + 1, capacity);
    },
    list(filter = {}) {
      const out: JournalEntry[] = [];
      for (let i = 0; i < count; i++) {
        const slot = ring[(next - count + i + capacity) % capacity];
        if (!slot) continue;
        const entry = built(slot);
        if (matches(entry, filter)) out.push(entry);
      }
      return filter.limit !== undefined ? out.slice(Math.max(0, out.length - filter.limit)) : out;
    },
    size: () => count,
    clear() {
      ring.fill(undefined);
      next = 0;
      count = 0;
    },
  };
}
