import { DEMO_SEED } from '../demo-data.js';
import type { components } from '../generated/openapi.js';
import type { Failure } from './result.js';
import { isScope } from './scopes.js';
import type { Seed } from './seed.js';

type Status = components['schemas']['VerificationStatus'];

const TOP_LEVEL = ['clients', 'legacy_keys', 'customers', 'platform', 'webhook'] as const;
const CLIENT_KEYS = ['client_id', 'client_secret', 'scopes', 'description'] as const;
const STATUSES = ['PENDING', 'PROCESSING', 'VERIFIED', 'REJECTED'] as const satisfies readonly Status[];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const shown = (value: unknown) => (typeof value === 'string' ? `"${value}"` : typeof value);

function fail(label: string, path: string, problem: string): never {
  throw new Error(`${label}: ${path} ${problem}`);
}

function checkKeys(label: string, path: string, value: Json, allowed: readonly string[]): void {
  const unknown = Object.keys(value).find((key) => !allowed.includes(key));
  if (unknown !== undefined)
    fail(
      label,
      path ? `${path}.${unknown}` : unknown,
      `is not a seed field (expected one of ${allowed.join(', ')})`,
    );
}

function checkClients(label: string, clients: unknown): void {
  if (!Array.isArray(clients)) fail(label, 'clients', `must be a list of clients, got ${shown(clients)}`);
  const seen = new Set<string>();
  clients.forEach((client: unknown, i) => {
    const at = `clients[${i}]`;
    if (!isObject(client)) fail(label, at, 'must be an object with client_id, client_secret and scopes');
    checkKeys(label, at, client, CLIENT_KEYS);
    for (const field of ['client_id', 'client_secret'] as const) {
      const value = client[field];
      if (typeof value !== 'string' || value === '')
        fail(label, `${at}.${field}`, 'must be a non-empty string');
    }
    const id = client.client_id as string;
    if (seen.has(id)) fail(label, `${at}.client_id`, `"${id}" is used by an earlier client`);
    seen.add(id);
    const { scopes, description } = client;
    if (scopes !== '*' && !Array.isArray(scopes))
      fail(label, `${at}.scopes`, `must be "*" or a list of scope names, got ${shown(scopes)}`);
    if (Array.isArray(scopes)) {
      scopes.forEach((scope: unknown, j) => {
        if (typeof scope !== 'string' || !isScope(scope))
          fail(label, `${at}.scopes[${j}]`, `is not a scope of the API, got ${shown(scope)}`);
      });
    }
    if (description !== undefined && typeof description !== 'string')
      fail(label, `${at}.description`, 'must be a string');
  });
}

function checkCustomers(label: string, customers: unknown): void {
  if (!Array.isArray(customers))
    fail(label, 'customers', `must be a list of customers, got ${shown(customers)}`);
  customers.forEach((customer: unknown, i) => {
    const at = `customers[${i}]`;
    if (!isObject(customer)) fail(label, at, 'must be an object (the body of POST /api/external/customer)');
    const { id, verification_status: status } = customer;
    if (id !== undefined && (typeof id !== 'string' || !UUID.test(id)))
      fail(label, `${at}.id`, `must be a UUID, got ${shown(id)}`);
    if (status !== undefined && !STATUSES.includes(status as Status))
      fail(label, `${at}.verification_status`, `must be one of ${STATUSES.join(', ')}, got ${shown(status)}`);
  });
}

/**
 * Checks the shape of a seed (`--seed FILE`, `startMock({ seed })`) before it is loaded, failing with one
 * line that names `label` and the path at fault (`customers[0].verification_status`). A seed without
 * `clients` keeps the demo clients (and, without `legacy_keys`, the demo key), so it may add customers
 * only. The customers' own fields are checked afterwards with the rules of `POST /api/external/customer`.
 */
export function checkSeed(value: unknown, label = 'seed'): Seed {
  if (!isObject(value))
    fail(label, 'the seed', `must be a JSON object, got ${Array.isArray(value) ? 'a list' : shown(value)}`);
  checkKeys(label, '', value, TOP_LEVEL);
  if (value.clients !== undefined) checkClients(label, value.clients);
  const keys = value.legacy_keys;
  if (
    keys !== undefined &&
    (!Array.isArray(keys) || keys.some((key) => typeof key !== 'string' || key === ''))
  )
    fail(label, 'legacy_keys', 'must be a list of non-empty strings');
  if (value.customers !== undefined) checkCustomers(label, value.customers);
  if (value.clients !== undefined) return value as unknown as Seed;
  return {
    ...(value as Partial<Seed>),
    clients: DEMO_SEED.clients,
    ...(keys === undefined && DEMO_SEED.legacy_keys ? { legacy_keys: DEMO_SEED.legacy_keys } : {}),
  };
}

/** One line for a seeded customer the API's rules refuse: its path, then the field messages (never raw JSON). */
export function describeSeedFailure(path: string, failure: Failure): string {
  if (failure.kind !== 'validation') return `seed: ${path}: ${failure.message}`;
  const fields = Object.entries(failure.errors).map(
    ([field, messages]) => `${path}.${field}: ${messages.join(' ')}`,
  );
  return `seed: ${fields.join('; ') || `${path}: ${failure.message ?? 'refused'}`}`;
}
