import { ALL_SCOPES } from '../core/scopes.js';
import type { MockState } from '../store/state.js';

/** One OAuth client of an instance, as its seed declares it (scopes resolved: `"*"` becomes all 36). */
export interface MockClient {
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

/** What a client under test authenticates with: a default client, every seeded client and legacy key. */
export interface MockCredentials {
  /** The first client holding every scope (the demo `mock-client`), else the first seeded client. */
  clientId: string;
  clientSecret: string;
  /** The scopes of that client, space-separated, ready for the token request's `scope` parameter. */
  scope: string;
  /** The first deprecated `x-blaaiz-api-key`, when the seed has one (the demo `mock-legacy-key`). */
  legacyKey: string | null;
  clients: MockClient[];
  legacyKeys: string[];
}

/** Reads the credentials of a seeded instance from its state; a seed always declares at least one client. */
export function credentialsOf(state: MockState): MockCredentials {
  const clients: MockClient[] = [...state.clients.values()].map((client) => ({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    scopes: [...client.scopes],
  }));
  const main = clients.find((client) => client.scopes.length === ALL_SCOPES.length) ?? clients[0];
  if (!main) throw new Error('blaaiz-mock: the seed declares no OAuth client');
  const legacyKeys = [...state.legacyKeys];
  return {
    clientId: main.clientId,
    clientSecret: main.clientSecret,
    scope: main.scopes.join(' '),
    legacyKey: legacyKeys[0] ?? null,
    clients,
    legacyKeys,
  };
}
