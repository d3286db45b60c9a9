import type { components } from '../generated/openapi.js';
import { createState, type MockState } from '../store/state.js';
import type { CoreContext } from './context.js';
import { createCustomer, insertCustomer } from './customers.js';
import { ALL_SCOPES, isScope, type Scope } from './scopes.js';
import { describeSeedFailure } from './seed-check.js';
import type { SeedPlatform, SeedWebhook } from './seed-platform.js';
import { moveStatus } from './verification.js';

type Schemas = components['schemas'];

/** A seed: the platform's settings, OAuth clients, legacy keys, customers and webhook (the `--seed FILE` format). */
export interface Seed {
  clients: Array<{ client_id: string; client_secret: string; scopes: string[] | '*'; description?: string }>;
  legacy_keys?: string[];
  platform?: SeedPlatform;
  webhook?: SeedWebhook;
  customers?: Array<
    Schemas['CreateCustomerRequest'] & { id?: string; verification_status?: Schemas['VerificationStatus'] }
  >;
}

/** Checks a request body against the spec; returns messages, empty when valid. */
export type RequestCheck = (body: unknown) => string[];

function clientScopes(scopes: string[] | '*', clientId: string): Scope[] {
  if (scopes === '*') return [...ALL_SCOPES];
  const unknown = scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0)
    throw new Error(`seed: client ${clientId} holds unknown scopes: ${unknown.join(', ')}`);
  return scopes as Scope[];
}

/** Loads a seed into an empty state; a seed that breaks the API's own rules is refused with a clear error. */
export function applySeed(state: MockState, seed: Seed, ctx: CoreContext, checkCustomer: RequestCheck): void {
  if (!Array.isArray(seed.clients)) throw new Error('seed: "clients" must be an array');
  for (const client of seed.clients) {
    if (typeof client.client_id !== 'string' || typeof client.client_secret !== 'string') {
      throw new Error('seed: every client needs a string client_id and client_secret');
    }
    state.clients.set(client.client_id, {
      clientId: client.client_id,
      clientSecret: client.client_secret,
      scopes: clientScopes(client.scopes, client.client_id),
      description: client.description ?? '',
    });
  }
  for (const key of seed.legacy_keys ?? []) state.legacyKeys.add(key);
  for (const [index, entry] of (seed.customers ?? []).entries()) {
    const { id, verification_status, ...request } = entry;
    const problems = checkCustomer(request);
    if (problems.length > 0) throw new Error(`seed: customers[${index}]: ${problems.join('; ')}`);
    const created = createCustomer(state, request, ctx, { minimalKybAllowed: true });
    if (!created.ok) throw new Error(describeSeedFailure(`customers[${index}]`, created.error));
    if (id !== undefined || verification_status !== undefined)
      rekey(state, created.value.id, id, verification_status);
  }
}

function rekey(
  state: MockState,
  from: string,
  to: string | undefined,
  status: Schemas['VerificationStatus'] | undefined,
) {
  const record = state.customers.get(from);
  if (!record) return;
  if (status) moveStatus(state, record, status, { at: 0, seed: true });
  if (to === undefined || to === from) return;
  if (state.customers.has(to)) throw new Error(`seed: customer id ${to} is used twice`);
  state.customers.delete(from);
  record.view.id = to;
  insertCustomer(state, record.view);
}

/**
 * Empties the state in place and loads the seed again (start-up and `POST /__mock/reset`): the clock goes
 * back to real time and the epoch moves on, so an upload still streaming into the old state is refused.
 */
export function resetState(
  state: MockState,
  seed: Seed,
  ctx: CoreContext,
  checkCustomer: RequestCheck,
): void {
  const realNow = ctx.now - state.clockOffsetMs;
  Object.assign(state, createState(), { epoch: state.epoch + 1 });
  applySeed(state, seed, { ...ctx, now: realNow }, checkCustomer);
}
