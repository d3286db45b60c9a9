import type { MockConfig } from '../config.js';
import type { MockState } from '../store/state.js';
import type { CoreContext } from './context.js';
import { isWebhookUrl } from './webhook-registration.js';

/** The seed's `platform` object: the settings Blaaiz keeps per platform (api-contract §4). */
export interface SeedPlatform {
  external_kyc?: boolean;
  auto_verify_business_customers?: boolean;
  minimal_kyb?: boolean;
}

/** The seed's `webhook` record: registered at start, with a signing secret CI knows in advance. */
export interface SeedWebhook {
  collection_url: string;
  payout_url?: string;
  kyc_url?: string | null;
  signing_secret: string;
  chaos?: { duplicate?: boolean; out_of_order?: boolean };
}

function flag(platform: SeedPlatform, name: keyof SeedPlatform): boolean | undefined {
  const value = platform[name];
  if (value === undefined || typeof value === 'boolean') return value;
  throw new Error(`seed: platform.${name} must be true or false`);
}

/**
 * The effective settings of a seed's platform under the instance's flags: a flag turns a setting on
 * (`--auto-verify-business`, `--minimal-kyb`) or off (`--no-external-kyc`) whatever the seed says.
 */
export function platformConfig(platform: SeedPlatform | undefined, config: MockConfig): MockConfig {
  const given = platform ?? {};
  if (typeof given !== 'object') throw new Error('seed: "platform" must be an object');
  return {
    ...config,
    externalKyc: config.externalKyc && flag(given, 'external_kyc') !== false,
    autoVerifyBusiness: config.autoVerifyBusiness || flag(given, 'auto_verify_business_customers') === true,
    minimalKybAllowed: config.minimalKybAllowed || flag(given, 'minimal_kyb') === true,
  };
}

/** Registers the seed's webhook record; a record with a bad URL or no secret is refused at start-up. */
export function applySeedWebhook(
  state: MockState,
  entry: SeedWebhook | undefined,
  ctx: CoreContext,
  chaos: MockConfig['webhookChaos'],
): void {
  if (entry === undefined) return;
  if (!isWebhookUrl(entry.collection_url))
    throw new Error('seed: webhook.collection_url must be an http(s) URL');
  const payout = entry.payout_url ?? entry.collection_url;
  if (!isWebhookUrl(payout)) throw new Error('seed: webhook.payout_url must be an http(s) URL');
  if (typeof entry.signing_secret !== 'string' || entry.signing_secret.length < 16)
    throw new Error('seed: webhook.signing_secret must be a string of at least 16 characters');
  state.webhook = {
    id: ctx.newId(),
    collection_url: entry.collection_url,
    payout_url: payout,
    kyc_url: entry.kyc_url ?? null,
    signing_secret: entry.signing_secret,
    chaos: {
      duplicate: entry.chaos?.duplicate === true || chaos.duplicate,
      out_of_order: entry.chaos?.out_of_order === true || chaos.out_of_order,
    },
    created_at: ctx.now,
    updated_at: ctx.now,
  };
}
