/** What domain functions need from the outside world, injected so they stay deterministic. */
export interface CoreContext {
  /** Virtual time, in milliseconds. */
  now: number;
  /** A fresh UUID. */
  newId(): string;
  /** The platform (business) the mock's clients belong to. */
  platformBusinessId: string;
  /** Seconds a verification stays PROCESSING before the mock completes it. */
  reviewDelaySeconds: number;
  /** Lifetime of a presigned upload URL. */
  presignTtlSeconds: number;
  /** Largest accepted upload. */
  maxUploadBytes: number;
  /** Platform settings (api-contract §4): individuals reviewed, businesses verified on submit, MIME at attach. */
  externalKyc: boolean;
  autoVerifyBusiness: boolean;
  strictFiles: boolean;
}
