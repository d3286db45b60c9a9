import { type Changes, COLLECTIONS, type CollectionName } from './change-tracker.js';

const NAMES = Object.keys(COLLECTIONS) as CollectionName[];

/**
 * The encoded state in a form journal records apply to: keyed collections and whole fields. A snapshot
 * is split into it, the records of the journal are applied in order, and the result joined back.
 */
export interface StateImage {
  entries: Record<CollectionName, Map<string, unknown>>;
  fields: Record<string, unknown>;
}

/** An encoded state (a snapshot's, or a `full` record's) split into an image. */
export function splitEncoded(encoded: Record<string, unknown>): StateImage {
  const entries = {} as StateImage['entries'];
  const fields: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(encoded)) {
    if (!(field in COLLECTIONS)) fields[field] = value;
  }
  for (const name of NAMES) {
    const keyOf = COLLECTIONS[name] as (entry: unknown) => string;
    const list = encoded[name];
    if (!Array.isArray(list)) throw new Error(`the stored state has no "${name}" list`);
    entries[name] = new Map(list.map((entry) => [keyOf(entry), entry]));
  }
  return { entries, fields };
}

/** The image as an encoded state again (what `decodeState` reads). */
export function joinImage(image: StateImage): Record<string, unknown> {
  const encoded: Record<string, unknown> = { ...image.fields };
  for (const name of NAMES) encoded[name] = [...image.entries[name].values()];
  return encoded;
}

function jsonObject(entries: Iterable<[string, string | null]>): string {
  const parts: string[] = [];
  for (const [key, json] of entries) parts.push(`${JSON.stringify(key)}:${json ?? 'null'}`);
  return `{${parts.join(',')}}`;
}

/** The journal payload of a change set: `{full?, entries: {name: {key: entry|null}}, fields: {…}}`. */
export function changesPayload(changes: Changes): string {
  const entries = NAMES.map((name) => `${JSON.stringify(name)}:${jsonObject(changes.entries[name])}`);
  const head = changes.full === undefined ? '' : `"full":${changes.full},`;
  return `{${head}"entries":{${entries.join(',')}},"fields":${jsonObject(changes.fields)}}`;
}

/** Applies one journal payload to an image: the whole state first, then entries, then fields. */
export function applyPayload(image: StateImage, payload: string): StateImage {
  const record = JSON.parse(payload) as {
    full?: Record<string, unknown>;
    entries: Record<CollectionName, Record<string, unknown>>;
    fields: Record<string, unknown>;
  };
  const next = record.full ? splitEncoded(record.full) : image;
  for (const name of NAMES) {
    for (const [key, entry] of Object.entries(record.entries[name] ?? {})) {
      if (entry === null) next.entries[name].delete(key);
      else next.entries[name].set(key, entry);
    }
  }
  Object.assign(next.fields, record.fields);
  return next;
}
