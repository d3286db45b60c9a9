/** Which target the suite judges, read from the environment (README "Contract tests"). */

/** `mock`: started by the suite; `url`: any running server; `live`: the Blaaiz dev API. */
export type TargetKind = 'mock' | 'url' | 'live';

/** The target as the environment names it, before anything is started. */
export interface TargetChoice {
  readonly kind: TargetKind;
  /** The API base URL; undefined for `mock` (known once the mock is up). */
  readonly baseUrl: string | undefined;
  readonly clientId: string;
  readonly clientSecret: string;
  /** PEM file of a private CA to trust (`CONTRACT_CA_FILE`). */
  readonly caFile: string | undefined;
  /** Whether every API request goes through `prism proxy` (`CONTRACT_VIA_PRISM=1`). */
  readonly viaPrism: boolean;
  /** Report name: `mock`, `url`, `live`, with `-prism` when judged through Prism. */
  readonly label: string;
  /** Lines for the console, such as why the live target was skipped. */
  readonly notes: readonly string[];
}

/** The demo client every blaaiz-mock starts with. */
export const DEMO_CLIENT = { id: 'mock-client', secret: 'mock-secret' } as const;

const LIVE_VARS = ['BLAAIZ_BASE_URL', 'BLAAIZ_CLIENT_ID', 'BLAAIZ_CLIENT_SECRET'] as const;

/** The one line printed when the live dev API is not configured. */
export const LIVE_SKIPPED =
  'contract suite: live dev API target skipped: set BLAAIZ_BASE_URL, BLAAIZ_CLIENT_ID and BLAAIZ_CLIENT_SECRET to run it';

type Env = Readonly<Record<string, string | undefined>>;

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function checkUrl(name: string, url: string): string {
  if (!/^https?:\/\/[^/]/.test(url)) throw new Error(`${name} must be an http(s) URL, got "${url}"`);
  return url.replace(/\/+$/, '');
}

/** Reads the target from `env`; a half-configured live target or two targets at once throw, naming the variables. */
export function chooseTarget(env: Env): TargetChoice {
  const viaPrism = ['1', 'true', 'yes'].includes((value(env, 'CONTRACT_VIA_PRISM') ?? '').toLowerCase());
  const suffix = viaPrism ? '-prism' : '';
  const caFile = value(env, 'CONTRACT_CA_FILE');
  const liveSet = LIVE_VARS.filter((name) => value(env, name) !== undefined);
  const contractUrl = value(env, 'CONTRACT_BASE_URL');
  if (liveSet.length > 0 && liveSet.length < LIVE_VARS.length) {
    const missing = LIVE_VARS.filter((name) => !liveSet.includes(name));
    throw new Error(`contract suite: ${liveSet.join(', ')} set but ${missing.join(', ')} not: set all three`);
  }
  if (liveSet.length === LIVE_VARS.length) {
    if (contractUrl !== undefined) {
      throw new Error('contract suite: set either CONTRACT_BASE_URL or the BLAAIZ_* variables, not both');
    }
    return {
      kind: 'live',
      baseUrl: checkUrl('BLAAIZ_BASE_URL', value(env, 'BLAAIZ_BASE_URL') as string),
      clientId: value(env, 'BLAAIZ_CLIENT_ID') as string,
      clientSecret: value(env, 'BLAAIZ_CLIENT_SECRET') as string,
      caFile,
      viaPrism,
      label: `live${suffix}`,
      notes: [],
    };
  }
  return {
    kind: contractUrl === undefined ? 'mock' : 'url',
    baseUrl: contractUrl === undefined ? undefined : checkUrl('CONTRACT_BASE_URL', contractUrl),
    clientId: value(env, 'CONTRACT_CLIENT_ID') ?? DEMO_CLIENT.id,
    clientSecret: value(env, 'CONTRACT_CLIENT_SECRET') ?? DEMO_CLIENT.secret,
    caFile,
    viaPrism,
    label: `${contractUrl === undefined ? 'mock' : 'url'}${suffix}`,
    notes: [LIVE_SKIPPED],
  };
}

/** The target of this run, as provided by `contracts/global-setup.ts`. */
export interface ContractTarget {
  readonly kind: 'mock' | 'url' | 'live';
  /** Report name: `mock`, `url` or `live`, with `-prism` when judged through Prism. */
  readonly label: string;
  /** Where API requests go: Prism when `viaPrism`, else the target. */
  readonly apiUrl: string;
  /** The target's own API base URL. */
  readonly directUrl: string;
  readonly viaPrism: boolean;
  readonly clientId: string;
  readonly clientSecret: string;
  /** PEM of the CA the target's https certificates chain to (the mock's local CA), if private. */
  readonly caPem: string | null;
  /** Whether the target answers `GET /__mock/state` (so `contracts/mock-only/` runs). */
  readonly mockControls: boolean;
  /** Short id of this run, in every e-mail and registration number the suite creates. */
  readonly runId: string;
  /** JSON-lines file collecting every judged response for the drift report. */
  readonly observationsFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    contractTarget: ContractTarget;
  }
}
