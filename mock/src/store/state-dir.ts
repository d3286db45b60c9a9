import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readJournal } from './journal-file.js';
import { createState, type MockState } from './state.js';
import { decodeState, encodeState, STATE_FORMAT_VERSION } from './state-codec.js';
import { applyPayload, joinImage, type StateImage, splitEncoded } from './state-image.js';

/** Version of the state dir's layout (snapshot and journal framing), beside the state format's own. */
export const LAYOUT_VERSION = 1;

/**
 * Upgrades of the encoded state, by the version they read: `MIGRATIONS[n]` turns format n into n + 1.
 * A state dir of a format with no path to `STATE_FORMAT_VERSION` is refused, never misread.
 */
const MIGRATIONS: Record<number, (encoded: Record<string, unknown>) => Record<string, unknown>> = {};

/** Where a durable store keeps its files, under `<state dir>/state`. */
export interface StateDirPaths {
  root: string;
  lock: string;
  snapshot: string;
  objects: string;
  journal(generation: number): string;
}

/** The paths of the durable store of `stateDir`. */
export function stateDirPaths(stateDir: string): StateDirPaths {
  const root = join(stateDir, 'state');
  return {
    root,
    lock: join(root, 'lock'),
    snapshot: join(root, 'snapshot.json'),
    objects: join(root, 'objects'),
    journal: (generation) => join(root, `journal-${String(generation).padStart(8, '0')}.log`),
  };
}

/** The first record of every journal file: what it follows and in which format its entries are. */
export function journalHeader(generation: number): string {
  return JSON.stringify({ layout: LAYOUT_VERSION, generation, stateVersion: STATE_FORMAT_VERSION });
}

/** What a state dir held: the state (undefined when it never held one), its newest generation, torn tails. */
export interface LoadedStateDir {
  state: MockState | undefined;
  generation: number;
  /** Journal files whose last record was torn or corrupt, and was discarded. */
  tornJournals: string[];
}

async function journalGenerations(root: string): Promise<number[]> {
  const names = await readdir(root);
  return names
    .map((name) => /^journal-(\d+)\.log$/.exec(name)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * The encoded state upgraded to `STATE_FORMAT_VERSION` through `MIGRATIONS`; throws a clear error when it
 * cannot be. With `checkOnly`, only makes sure a path exists from its version (before anything is read).
 */
export function migrate(
  encoded: Record<string, unknown>,
  where: string,
  checkOnly = false,
): Record<string, unknown> {
  let current = encoded;
  for (let version = current.version; version !== STATE_FORMAT_VERSION; ) {
    const step = typeof version === 'number' ? MIGRATIONS[version] : undefined;
    if (!step) {
      throw new Error(
        `${where} holds state format ${String(version)}, which this version of blaaiz-mock cannot read (it reads format ${STATE_FORMAT_VERSION}); start the version that wrote it, export the state (GET /__mock/state/export) and import it here, or use another --state-dir`,
      );
    }
    if (checkOnly) {
      version = (version as number) + 1;
      continue;
    }
    current = step(current);
    version = current.version;
  }
  return current;
}

function checkLayout(layout: unknown, where: string): void {
  if (layout !== LAYOUT_VERSION)
    throw new Error(
      `${where} has layout ${String(layout)}; this version of blaaiz-mock reads layout ${LAYOUT_VERSION}`,
    );
}

/**
 * Reads a state dir: the snapshot, then every journal from its generation on, each up to its first torn
 * or corrupt record (`limits` caps a journal's length, for a reload after a failed append).
 */
export async function loadStateDir(
  paths: StateDirPaths,
  limits = new Map<number, number>(),
): Promise<LoadedStateDir> {
  await mkdir(paths.root, { recursive: true, mode: 0o700 });
  const text = await readFile(paths.snapshot, 'utf8').catch((e: NodeJS.ErrnoException) =>
    e.code === 'ENOENT' ? undefined : Promise.reject(e),
  );
  let image: StateImage | undefined;
  let generation = 0;
  if (text !== undefined) {
    const snapshot = JSON.parse(text) as {
      layout?: unknown;
      generation: number;
      state: Record<string, unknown>;
    };
    checkLayout(snapshot.layout, paths.snapshot);
    migrate({ version: snapshot.state?.version }, paths.snapshot, true);
    image = splitEncoded(snapshot.state);
    generation = snapshot.generation;
  }
  const tornJournals: string[] = [];
  for (const gen of (await journalGenerations(paths.root)).filter((g) => g >= generation)) {
    const contents = await readJournal(paths.journal(gen), limits.get(gen));
    if (contents.tornTail) tornJournals.push(paths.journal(gen));
    const [header, ...records] = contents.payloads;
    generation = gen;
    if (header === undefined) continue;
    const parsed = JSON.parse(header) as { layout?: unknown; stateVersion?: unknown };
    checkLayout(parsed.layout, paths.journal(gen));
    migrate({ version: parsed.stateVersion }, paths.journal(gen), true);
    if (image && parsed.stateVersion !== image.fields.version)
      throw new Error(
        `${paths.journal(gen)} holds state format ${String(parsed.stateVersion)} after a snapshot of format ${String(image.fields.version)}`,
      );
    for (const record of records) {
      image = applyPayload(image ?? splitEncoded({ ...encodeState(createState()) }), record);
    }
  }
  const state = image ? decodeState(migrate(joinImage(image), paths.root)) : undefined;
  return { state, generation, tornJournals };
}

/** Deletes the journals a snapshot of `generation` made obsolete. */
export async function removeJournalsBefore(paths: StateDirPaths, generation: number): Promise<void> {
  for (const gen of await journalGenerations(paths.root)) {
    if (gen < generation) await rm(paths.journal(gen), { force: true });
  }
}
