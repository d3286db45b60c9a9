import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Seed } from './core/seed.js';
import { isWebhookUrl } from './core/webhook-registration.js';
import { DEMO_SEED } from './demo-data.js';
import type { ServerOptions } from './server.js';

/** The CLI's usage text (`--help`). */
export const USAGE = `blaaiz-mock: offline twin of the Blaaiz KYC upload API

Usage: blaaiz-mock [options]

Options:
  --host HOST              interface to listen on (env HOST, default 127.0.0.1)
  --port N                 API port (env PORT, default 4010; 0 = any free port)
  --storage-port N         object store port (env STORAGE_PORT, default 4443; 0 = any free port)
  --storage-scheme S       https (default, local CA) or http
  --state-dir DIR          where the local CA is kept (env BLAAIZ_MOCK_STATE_DIR, default ./.blaaiz-mock)
  --seed FILE              JSON seed replacing the demo data (clients, legacy_keys, customers)
  --review-delay SECONDS   virtual seconds a review runs before it completes by itself (default 60)
  --signing-secret TEXT    HMAC secret of tokens and URLs (env BLAAIZ_MOCK_SIGNING_SECRET)
  --admin-token TEXT       token /__mock/* requires as Authorization: Bearer (env BLAAIZ_MOCK_ADMIN_TOKEN;
                           generated and printed when --host is not a loopback address)
  --minimal-kyb            allow-list the platform for kyb_scope MINIMAL
  --rate-limit             enforce 120 requests/minute and 1,500/hour per client (429, X-RateLimit-*)
  --shutdown-grace SECONDS on SIGINT/SIGTERM, how long requests in flight may finish (default 10)
  --no-external-kyc        platform without a KYC provider: attaching id_file verifies an individual at once
  --auto-verify-business   platform auto-verifies businesses: /submit makes them VERIFIED at once
  --strict-files           refuse a file that is not a PDF/JPEG/PNG when attached (422), not in the review
  --webhook-url URL        register URL as collection_url and payout_url at start; prints the signing secret
  --webhook-chaos LIST     receiver chaos for every registration: duplicate, out-of-order (comma-separated)
  --quiet                  print only one JSON ready line
  --ca-path                create the state dir's CA if needed, print its path and exit (for trust stores)
  --help                   show this text
`;

/** What the command line asks for. */
export interface CliOptions {
  server: ServerOptions;
  quiet: boolean;
  help: boolean;
  /** Only make sure the CA exists and print its path (`--ca-path`). */
  caPath: boolean;
  /** The webhook registered at start (`--webhook-url`, or the seed's), to print with its secret. */
  webhook?: { url: string; signingSecret: string };
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${name} must be an integer from 0 to 65535, got "${value}"`);
  return n;
}

/** Reads a JSON seed file (`--seed FILE`, `startMock({ seed: path })`); throws a one-line error. */
export function readSeedFile(path: string): Seed {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Seed;
  } catch (error) {
    throw new Error(`cannot read seed file ${path}: ${(error as Error).message}`);
  }
}

function webhookChaos(list: string | undefined): { duplicate: boolean; out_of_order: boolean } {
  const names = (list ?? '').split(',').filter((name) => name !== '');
  const unknown = names.filter((name) => name !== 'duplicate' && name !== 'out-of-order');
  if (unknown.length > 0)
    throw new Error(`--webhook-chaos takes duplicate and out-of-order, got "${unknown.join(',')}"`);
  return { duplicate: names.includes('duplicate'), out_of_order: names.includes('out-of-order') };
}

/** The seed with `--webhook-url` registered (keeping the seed's secret, if it has one, so CI knows it). */
function withWebhook(seed: Seed | undefined, url: string | undefined): Seed | undefined {
  if (url === undefined) return seed;
  if (!isWebhookUrl(url)) throw new Error(`--webhook-url must be an http(s) URL, got "${url}"`);
  const base = seed ?? DEMO_SEED;
  const signing_secret = base.webhook?.signing_secret ?? randomBytes(20).toString('hex');
  return { ...base, webhook: { ...base.webhook, collection_url: url, payout_url: url, signing_secret } };
}

/** Parses flags and environment into server options; throws a one-line error on bad input. */
export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'storage-port': { type: 'string' },
      'storage-scheme': { type: 'string' },
      'state-dir': { type: 'string' },
      seed: { type: 'string' },
      'review-delay': { type: 'string' },
      'signing-secret': { type: 'string' },
      'admin-token': { type: 'string' },
      'minimal-kyb': { type: 'boolean', default: false },
      'rate-limit': { type: 'boolean', default: false },
      'shutdown-grace': { type: 'string' },
      'no-external-kyc': { type: 'boolean', default: false },
      'auto-verify-business': { type: 'boolean', default: false },
      'strict-files': { type: 'boolean', default: false },
      'webhook-url': { type: 'string' },
      'webhook-chaos': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'ca-path': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const scheme = values['storage-scheme'] ?? 'https';
  if (scheme !== 'https' && scheme !== 'http')
    throw new Error(`--storage-scheme must be https or http, got "${scheme}"`);
  const delay = values['review-delay'] === undefined ? undefined : Number(values['review-delay']);
  if (delay !== undefined && !(delay >= 0)) throw new Error('--review-delay must be a number of seconds ≥ 0');
  const grace = values['shutdown-grace'] === undefined ? undefined : Number(values['shutdown-grace']);
  if (grace !== undefined && !(grace >= 0 && grace <= 3600))
    throw new Error('--shutdown-grace must be a number of seconds from 0 to 3600');
  const secret = values['signing-secret'] ?? env.BLAAIZ_MOCK_SIGNING_SECRET;
  const adminToken = values['admin-token'] ?? env.BLAAIZ_MOCK_ADMIN_TOKEN;
  const port = integer('--port', values.port ?? env.PORT);
  const storagePort = integer('--storage-port', values['storage-port'] ?? env.STORAGE_PORT);
  const seed = withWebhook(values.seed ? readSeedFile(values.seed) : undefined, values['webhook-url']);
  const server: ServerOptions = {
    host: values.host ?? env.HOST ?? '127.0.0.1',
    storageScheme: scheme,
    stateDir: values['state-dir'] ?? env.BLAAIZ_MOCK_STATE_DIR ?? '.blaaiz-mock',
    config: {
      minimalKybAllowed: values['minimal-kyb'] ?? false,
      rateLimit: values['rate-limit'] ?? false,
      externalKyc: !values['no-external-kyc'],
      autoVerifyBusiness: values['auto-verify-business'] ?? false,
      strictFiles: values['strict-files'] ?? false,
      webhookChaos: webhookChaos(values['webhook-chaos']),
      ...(delay === undefined ? {} : { reviewDelaySeconds: delay }),
      ...(secret ? { signingSecret: secret } : {}),
      ...(adminToken ? { adminToken } : {}),
    },
    ...(grace === undefined ? {} : { timeouts: { graceMs: Math.round(grace * 1000) } }),
    ...(port === undefined ? {} : { port }),
    ...(storagePort === undefined ? {} : { storagePort }),
    ...(seed ? { seed } : {}),
  };
  const webhook = seed?.webhook && {
    url: seed.webhook.collection_url,
    signingSecret: seed.webhook.signing_secret,
  };
  return {
    server,
    quiet: values.quiet ?? false,
    help: values.help ?? false,
    caPath: values['ca-path'] ?? false,
    ...(webhook ? { webhook } : {}),
  };
}
