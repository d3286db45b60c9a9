/** Settings of one mock instance; every field has a default (see `defaultConfig`). */
export interface MockConfig {
  signingSecret: string;
  reviewDelaySeconds: number;
  presignTtlSeconds: number;
  maxUploadBytes: number;
  platformBusinessId: string;
  minimalKybAllowed: boolean;
  /** Enforce the live API's 120/minute and 1,500/hour per client (429 with X-RateLimit-* headers). */
  rateLimit: boolean;
  /** When set, `/__mock/*` requires `Authorization: Bearer <adminToken>` (always set on a non-loopback host). */
  adminToken?: string;
  /** Platform setting `external_kyc`: false (`--no-external-kyc`) verifies an individual when `id_file` is attached. */
  externalKyc: boolean;
  /** Platform setting `auto_verify_business_customers` (`--auto-verify-business`): `/submit` verifies at once. */
  autoVerifyBusiness: boolean;
  /** Refuse a file that is not a PDF/JPEG/PNG by content when it is attached (422), not at review (`--strict-files`). */
  strictFiles: boolean;
  /** Receiver chaos applied to every webhook registration (`--webhook-chaos`). */
  webhookChaos: { duplicate: boolean; out_of_order: boolean };
  /** Requests the journal keeps (a ring: the oldest go first); 0 turns the journal off. */
  journalSize: number;
}

/** The defaults; the signing secret has none in the source: each instance gets one (see `createDeps`). */
export const defaultConfig: Omit<MockConfig, 'signingSecret'> = {
  reviewDelaySeconds: 60,
  presignTtlSeconds: 300,
  maxUploadBytes: 25 * 1024 * 1024,
  platformBusinessId: '9d4c4ec5-572d-49de-a362-f01ed09f2b1b',
  minimalKybAllowed: false,
  rateLimit: false,
  externalKyc: true,
  autoVerifyBusiness: false,
  strictFiles: false,
  webhookChaos: { duplicate: false, out_of_order: false },
  journalSize: 1_000,
};
