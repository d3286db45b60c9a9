/** The shared context of the contract tests: the target, its judged client, tokens and unique test data. */
import { inject } from 'vitest';
import { createContractClient } from './contract-client.js';
import type { ContractClient } from './contract-types.js';
import { fileSink } from './drift-report.js';
import { createPacer, LIVE_REQUESTS_PER_MINUTE } from './pacer.js';
import type { ContractTarget } from './target-env.js';

/** The scopes the KYC upload flow needs; tokens lacking one of them exercise the 403s. */
export const FLOW_SCOPES = ['customer:read', 'customer:write', 'file:upload'] as const;

/** The target of this run. */
export const target: ContractTarget = inject('contractTarget');

const pacer = target.kind === 'live' ? createPacer(LIVE_REQUESTS_PER_MINUTE) : undefined;

/** The judged client every contract test sends through. */
export const api: ContractClient = createContractClient({
  target: target.label,
  apiUrl: target.apiUrl,
  directUrl: target.directUrl,
  viaPrism: target.viaPrism,
  ca: target.caPem ?? undefined,
  sink: fileSink(target.observationsFile),
  ...(pacer ? { pacer } : {}),
});

const cache = new Map<string, Promise<string>>();

/** A token of the target's client holding exactly `scope` (space-separated; '' for none), cached per scope. */
export function tokenFor(scope: string = FLOW_SCOPES.join(' ')): Promise<string> {
  let token = cache.get(scope);
  if (!token) {
    token = api
      .call('issueToken', 200, {
        form: {
          grant_type: 'client_credentials',
          client_id: target.clientId,
          client_secret: target.clientSecret,
          scope,
        },
      })
      .then((body) => body.access_token);
    token.catch(() => cache.delete(scope));
    cache.set(scope, token);
  }
  return token;
}

/** A token holding the flow's scopes except `missing`. */
export function tokenWithout(missing: string): Promise<string> {
  return tokenFor(FLOW_SCOPES.filter((scope) => scope !== missing).join(' '));
}

/** Drops cached tokens, after the mock's clock moved or its state was reset. */
export function forgetTokens(): void {
  cache.clear();
}

let counter = 0;

/** A suffix unique in this run and recognisable as the suite's: `<runId>-<n>`. */
export function uniqueTag(): string {
  counter += 1;
  return `${target.runId}-${counter}`;
}
