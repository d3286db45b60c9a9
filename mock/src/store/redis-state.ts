import { type Changes, COLLECTIONS, type CollectionName } from './change-tracker.js';
import { type MockState, registrationKeyOf } from './state.js';
import { decodeCustomer, decodeState, type EncodedState, encodeState } from './state-codec.js';
import { changesPayload, splitEncoded } from './state-image.js';

const NAMES = Object.keys(COLLECTIONS) as CollectionName[];
/** Collection numbers of the Lua scripts; 4 is the hash of the other fields. */
const NUMBER: Record<CollectionName | 'rest', string> = {
  customers: '1',
  files: '2',
  pending: '3',
  rest: '4',
};
const BY_NUMBER = ['', 'customers', 'files', 'pending', 'rest'] as const;

/** A key of the shared state: a collection entry or another field ('rest'). */
export type SharedKey = [collection: CollectionName | 'rest', field: string];

/**
 * The encoding of a shared store: as `encodeState`, but an upload streaming in stays marked, so another
 * instance refuses a second PUT of the same URL (the claim's `claimedAt` lets it run out).
 */
export function encodeShared(state: MockState): EncodedState {
  return { ...encodeState(state), pending: [...state.pending.values()] };
}

/**
 * Script arguments of a commit: full flag, log payload, the hint other instances are woken by (events,
 * a review started, the clock moved) and the (collection, field, JSON) triples.
 */
export function commitArgs(changes: Changes): {
  full: boolean;
  payload: string;
  hint: string;
  ops: string[];
} {
  const ops: string[] = [];
  if (changes.full !== undefined) {
    const image = splitEncoded(JSON.parse(changes.full) as Record<string, unknown>);
    for (const name of NAMES)
      for (const [key, entry] of image.entries[name]) ops.push(NUMBER[name], key, JSON.stringify(entry));
    for (const [field, value] of Object.entries(image.fields))
      if (field !== 'version') ops.push(NUMBER.rest, field, JSON.stringify(value));
    return { full: true, payload: '{"full":true}', hint: '1', ops };
  }
  for (const name of NAMES)
    for (const [key, json] of changes.entries[name]) ops.push(NUMBER[name], key, json ?? '');
  for (const [field, json] of changes.fields) ops.push(NUMBER.rest, field, json);
  const wakes =
    changes.fields.has('clockOffsetMs') ||
    changes.fields.has('epoch') ||
    changes.fields.has('outbox') ||
    changes.fields.has('webhookEvents') ||
    [...changes.entries.customers.values()].some((json) => json?.includes('"reviewDueAt"'));
  return { full: false, payload: changesPayload(changes), hint: wakes ? '1' : '0', ops };
}

/** The keys a change set wrote (to read back after a refused commit). */
export function changedKeys(changes: Changes): SharedKey[] {
  const keys: SharedKey[] = [];
  for (const name of NAMES) for (const key of changes.entries[name].keys()) keys.push([name, key]);
  for (const field of changes.fields.keys()) keys.push(['rest', field]);
  return keys;
}

function setField(state: MockState, field: string, value: unknown): void {
  const target = state as unknown as Record<string, unknown>;
  if (field === 'clients')
    state.clients = new Map(
      (value as Array<{ clientId: string }>).map((c) => [c.clientId, c]),
    ) as MockState['clients'];
  else if (field === 'legacyKeys') state.legacyKeys = new Set(value as string[]);
  else target[field] = value;
}

/** Puts one stored value (null: absent) into the state, keeping its derived indexes right. */
export function applyValue(state: MockState, [collection, field]: SharedKey, json: string | null): void {
  const value: unknown = json === null ? undefined : JSON.parse(json);
  if (collection === 'rest') {
    if (value !== undefined) setField(state, field, value);
    return;
  }
  if (collection === 'customers') {
    const old = state.customers.get(field);
    const oldKey = old && registrationKeyOf(old.view);
    if (oldKey !== undefined && state.registrations.get(oldKey) === field) state.registrations.delete(oldKey);
    state.reviewing.delete(field);
    if (value === undefined) state.customers.delete(field);
    else {
      const record = decodeCustomer(value as Parameters<typeof decodeCustomer>[0]);
      state.customers.set(field, record);
      const key = registrationKeyOf(record.view);
      if (key !== undefined) state.registrations.set(key, field);
      if (record.reviewDueAt !== undefined) state.reviewing.add(field);
    }
    return;
  }
  const map = state[collection] as Map<string, unknown>;
  if (value === undefined) map.delete(field);
  else map.set(field, value);
  if (collection === 'pending' && value !== undefined)
    state.sweepAfter = Math.min(state.sweepAfter, (value as { expiresAt: number }).expiresAt);
}

/** Applies one commit's log payload; false when it replaced the whole state (load it all instead). */
export function applyLogPayload(state: MockState, payload: string): boolean {
  const record = JSON.parse(payload) as {
    full?: true;
    entries: Record<CollectionName, Record<string, unknown>>;
    fields: Record<string, unknown>;
  };
  if (record.full) return false;
  for (const name of NAMES)
    for (const [key, entry] of Object.entries(record.entries[name] ?? {}))
      applyValue(state, [name, key], entry === null ? null : JSON.stringify(entry));
  for (const [field, value] of Object.entries(record.fields)) setField(state, field, value);
  return true;
}

/** The state from a LOAD reply (null when Redis holds none); a state of another format is refused. */
export function stateFromLoad(reply: unknown[], expectedFormat: number): MockState | null {
  const [version, format, ...hashes] = reply as [number, string, ...string[][]];
  if (version === 0 || format === '') return null;
  if (Number(format) !== expectedFormat)
    throw new Error(`the shared state in Redis has format ${format}; this version reads ${expectedFormat}`);
  const encoded: Record<string, unknown> = { version: expectedFormat };
  hashes.forEach((flat, index) => {
    const name = BY_NUMBER[index + 1] as CollectionName | 'rest';
    const values: Array<[string, unknown]> = [];
    for (let i = 0; i < flat.length; i += 2)
      values.push([flat[i] as string, JSON.parse(flat[i + 1] as string)]);
    if (name === 'rest') for (const [field, value] of values) encoded[field] = value;
    else encoded[name] = values.map(([, value]) => value);
  });
  return decodeState(encoded);
}
