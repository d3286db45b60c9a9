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
  /** Requests the journal keeps (a ring: the oldest go first); 0 turns the journal off. */
  journalSize: number;
}

/** The defaults: tokens from any instance with the default secret verify on any other. */
export const defaultConfig: MockConfig = {
  signingSecret: 'blaaiz-mock-default-signing-secret',
  reviewDelaySeconds: 60,
  presignTtlSeconds: 300,
  maxUploadBytes: 25 * 1024 * 1024,
  platformBusinessId: '9d4c4ec5-572d-49de-a362-f01ed09f2b1b',
  minimalKybAllowed: false,
  rateLimit: false,
  journalSize: 1_000,
};
