import type { MockState } from './state.js';
import { decodeState, type EncodedState, encodeState } from './state-codec.js';
import { migrate } from './state-dir.js';

/** The `format` of an export document (`GET /__mock/state/export`). */
export const EXPORT_FORMAT = 'blaaiz-mock-state';

/** The whole state as a JSON document; client secrets and legacy API keys are left out unless asked for. */
export interface StateExport {
  format: typeof EXPORT_FORMAT;
  exported_at: string;
  secrets: boolean;
  state: EncodedState;
}

/** The export document of `state` (`GET /__mock/state/export`, `?secrets=true` to include the secrets). */
export function exportState(state: MockState, options: { secrets: boolean; now: number }): StateExport {
  const encoded = encodeState(state);
  const clients = options.secrets
    ? encoded.clients
    : encoded.clients.map(
        ({ clientSecret: _secret, ...client }) => client as EncodedState['clients'][number],
      );
  return {
    format: EXPORT_FORMAT,
    exported_at: new Date(options.now).toISOString(),
    secrets: options.secrets,
    state: { ...encoded, clients, legacyKeys: options.secrets ? encoded.legacyKeys : [] },
  };
}

/** True when a seed or request body is an export document rather than a seed. */
export function isStateExport(value: unknown): value is StateExport {
  return (
    typeof value === 'object' && value !== null && (value as { format?: unknown }).format === EXPORT_FORMAT
  );
}

const LISTS = ['clients', 'legacyKeys', 'customers', 'pending', 'files', 'outbox'] as const;
const KEYS: Partial<Record<(typeof LISTS)[number], (entry: Record<string, unknown>) => unknown>> = {
  clients: (entry) => entry.clientId,
  customers: (entry) => (entry.view as { id?: unknown } | undefined)?.id,
  pending: (entry) => entry.fileId,
  files: (entry) => entry.fileId,
};

function problems(state: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const list of LISTS) {
    const value = state[list];
    if (!Array.isArray(value)) {
      found.push(`state.${list} must be a list`);
      continue;
    }
    const keyOf = KEYS[list];
    if (!keyOf) continue;
    const seen = new Set<unknown>();
    for (const [index, entry] of value.entries()) {
      const key =
        typeof entry === 'object' && entry !== null ? keyOf(entry as Record<string, unknown>) : undefined;
      if (typeof key !== 'string' || key === '') found.push(`state.${list}[${index}] has no id`);
      else if (seen.has(key)) found.push(`state.${list}[${index}]: id ${key} appears twice`);
      seen.add(key);
    }
  }
  for (const name of ['epoch', 'clockOffsetMs', 'nextSeq', 'nextEventSeq'])
    if (typeof state[name] !== 'number' || !Number.isFinite(state[name]))
      found.push(`state.${name} must be a number`);
  return found;
}

/**
 * The state an export document describes, or why it cannot be used. A client exported without its
 * secret keeps the secret the same client id has in `current`; an export without secrets keeps the
 * legacy keys of `current`.
 */
export function readStateExport(
  document: unknown,
  current?: MockState,
): { ok: true; state: MockState } | { ok: false; message: string } {
  if (!isStateExport(document))
    return { ok: false, message: `The document is not a ${EXPORT_FORMAT} export.` };
  if (typeof document.state !== 'object' || document.state === null)
    return { ok: false, message: 'The export has no state object.' };
  let encoded: Record<string, unknown>;
  try {
    encoded = migrate(structuredClone(document.state) as unknown as Record<string, unknown>, 'the export');
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const found = problems(encoded);
  // Exported without secrets: the legacy keys were left out, so the ones in use here stay.
  if (document.secrets !== true && current) encoded.legacyKeys = [...current.legacyKeys];
  for (const client of Array.isArray(encoded.clients)
    ? (encoded.clients as Array<Record<string, unknown>>)
    : []) {
    if (typeof client.clientSecret === 'string') continue;
    const secret = current?.clients.get(String(client.clientId))?.clientSecret;
    if (secret === undefined)
      found.push(`client ${String(client.clientId)} has no secret (export with ?secrets=true)`);
    else client.clientSecret = secret;
  }
  if (found.length > 0) return { ok: false, message: `The export cannot be imported: ${found.join('; ')}.` };
  return { ok: true, state: decodeState(encoded) };
}

/** Replaces the contents of `state` with `next` in place; the epoch moves past both, so uploads in flight are refused. */
export function replaceState(state: MockState, next: MockState): void {
  Object.assign(state, next, { epoch: Math.max(state.epoch, next.epoch) + 1 });
}
