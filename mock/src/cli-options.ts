import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Seed } from './core/seed.js';
import { checkSeed } from './core/seed-check.js';
import { isWebhookUrl } from './core/webhook-registration.js';
import { DEMO_SEED } from './demo-data.js';
import { checkHost, checkPort, checkScheme, checkSeconds, checkText } from './option-checks.js';
import { parsePublicUrl } from './public-url.js';
import type { ServerOptions } from './server.js';
import { checkStoreUrl } from './store/redis-keys.js';
import { isStateExport, type StateExport } from './store/state-export.js';

/** The CLI's usage text (`--help`). */
export const USAGE = `blaaiz-mock: offline twin of the Blaaiz KYC upload API

Usage: blaaiz-mock [options]

Options:
  --host HOST              interface to listen on (env BLAAIZ_MOCK_HOST, default 127.0.0.1; 0.0.0.0 = all)
  --port N                 API port (env PORT, default 4010; 0 = any free port)
  --storage-port N         object store port (env STORAGE_PORT, default 4443; 0 = any free port)
  --storage-scheme S       https (default, local CA) or http
  --public-url URL         API base URL clients use, e.g. http://mock:4010 (env BLAAIZ_MOCK_PUBLIC_URL)
  --storage-public-url URL base URL of presigned uploads, e.g. https://mock:4443; its host is put in
                           the certificate (env BLAAIZ_MOCK_STORAGE_PUBLIC_URL)
  --state-dir DIR          where the state, the signing secret and the local CA are kept
                           (env BLAAIZ_MOCK_STATE_DIR, default ./.blaaiz-mock)
  --ephemeral              keep the state in memory only: every start begins from the seed
  --store URL              share the state with every instance on one Redis: redis://HOST:PORT/DB, key
                           prefix as ?prefix=NAME (env BLAAIZ_MOCK_STORE; then --ephemeral does not apply)
  --compact-after BYTES    journal size past which the state is rewritten as a snapshot (default 8 MB,
                           or the last snapshot's size when larger)
  --seed FILE              JSON seed (clients, legacy_keys, customers, platform, webhook; without
                           clients, the demo ones), or an export (GET /__mock/state/export); loaded into
                           a new state dir and by reset
  --review-delay SECONDS   virtual seconds a review runs before it completes by itself (default 60)
  --signing-secret TEXT    HMAC secret of tokens and URLs (env BLAAIZ_MOCK_SIGNING_SECRET; default: one
                           generated once and kept in the state dir)
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
  --journal-size N         requests the journal keeps (default 1000; 0 = off)
  --quiet                  print only one JSON ready line
  --ca-path                create the state dir's CA if needed, print its path and exit (for trust stores)
  --version                print the version and exit
  --help                   show this text
`;

/** What the command line asks for. */
export interface CliOptions {
  server: ServerOptions;
  quiet: boolean;
  help: boolean;
  version: boolean;
  /** Only make sure the CA exists and print its path (`--ca-path`). */
  caPath: boolean;
  /** The webhook registered at start (`--webhook-url`, or the seed's), to print with its secret. */
  webhook?: { url: string; signingSecret: string };
}

/** Reads a JSON seed file (`--seed FILE`, `startMock({ seed: path })`); throws one line naming the file. */
export function readSeedFile(path: string): Seed | StateExport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`seed file ${path}: cannot be read (${code === 'ENOENT' ? 'no such file' : code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`seed file ${path}: not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  // An export document is checked when it is loaded (its format version, its records).
  return isStateExport(json) ? json : checkSeed(json, `seed file ${path}`);
}

const VALUE_FLAGS = [
  'host',
  'port',
  'storage-port',
  'storage-scheme',
  'public-url',
  'storage-public-url',
  'state-dir',
  'seed',
  'review-delay',
  'signing-secret',
  'admin-token',
  'shutdown-grace',
  'webhook-url',
  'webhook-chaos',
  'compact-after',
  'journal-size',
  'store',
] as const;
const BOOLEAN_FLAGS = [
  'minimal-kyb',
  'rate-limit',
  'no-external-kyc',
  'auto-verify-business',
  'strict-files',
  'ephemeral',
  'quiet',
  'ca-path',
  'version',
  'help',
] as const;

function webhookChaos(list: string | undefined): { duplicate: boolean; out_of_order: boolean } {
  const names = (list ?? '').split(',').filter((name) => name !== '');
  const unknown = names.filter((name) => name !== 'duplicate' && name !== 'out-of-order');
  if (unknown.length > 0)
    throw new Error(`--webhook-chaos takes duplicate and out-of-order, got "${unknown.join(',')}"`);
  return { duplicate: names.includes('duplicate'), out_of_order: names.includes('out-of-order') };
}

/** The seed with `--webhook-url` registered (keeping the seed's secret, if it has one, so CI knows it). */
function withWebhook(
  seed: Seed | StateExport | undefined,
  url: string | undefined,
): Seed | StateExport | undefined {
  if (url === undefined) return seed;
  if (seed !== undefined && isStateExport(seed))
    throw new Error(
      '--webhook-url cannot be combined with an export as --seed: the export has its own webhook',
    );
  if (!isWebhookUrl(url)) throw new Error(`--webhook-url must be an http(s) URL, got "${url}"`);
  const base = seed ?? DEMO_SEED;
  const signing_secret = base.webhook?.signing_secret ?? randomBytes(20).toString('hex');
  return { ...base, webhook: { ...base.webhook, collection_url: url, payout_url: url, signing_secret } };
}

/** `--flag -5` becomes `--flag=-5`, so a negative number reaches its check instead of parseArgs' refusal. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const takesValue = VALUE_FLAGS.some((flag) => arg === `--${flag}`);
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

type Values = Partial<Record<(typeof VALUE_FLAGS)[number], string>>;

function parseFlags(argv: string[]) {
  const options = {
    ...Object.fromEntries(VALUE_FLAGS.map((flag) => [flag, { type: 'string' as const }])),
    ...Object.fromEntries(BOOLEAN_FLAGS.map((flag) => [flag, { type: 'boolean' as const, default: false }])),
    help: { type: 'boolean' as const, short: 'h', default: false },
  };
  try {
    return parseArgs({ args: joinNegativeValues(argv), options, strict: true }).values;
  } catch (error) {
    // parseArgs explains over several lines; its first line names the flag.
    throw new Error((error as Error).message.split('\n')[0]);
  }
}

/** A flag's value, else the environment variable's, with the name it came from for error messages. */
function pick(values: Values, flag: (typeof VALUE_FLAGS)[number], env: NodeJS.ProcessEnv, variable?: string) {
  const fromFlag = values[flag];
  if (fromFlag !== undefined) return { source: `--${flag}`, value: fromFlag };
  const fromEnv = variable === undefined ? undefined : env[variable];
  if (fromEnv !== undefined && fromEnv !== '') return { source: variable as string, value: fromEnv };
  return undefined;
}

/** Parses flags and environment into server options; throws one line naming the flag or variable at fault. */
export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const flags = parseFlags(argv) as Record<string, string | boolean | undefined>;
  const values = flags as Values;
  const bool = (name: (typeof BOOLEAN_FLAGS)[number]) => flags[name] === true;
  const read = <T>(
    flag: (typeof VALUE_FLAGS)[number],
    check: (s: string, v: string) => T,
    variable?: string,
  ) => {
    const given = pick(values, flag, env, variable);
    return given === undefined ? undefined : check(given.source, given.value);
  };
  const port = read('port', checkPort, 'PORT');
  const storagePort = read('storage-port', checkPort, 'STORAGE_PORT');
  const delay = read('review-delay', checkSeconds);
  const secret = read('signing-secret', checkText, 'BLAAIZ_MOCK_SIGNING_SECRET');
  const publicUrl = read('public-url', parsePublicUrl, 'BLAAIZ_MOCK_PUBLIC_URL');
  const storagePublicUrl = read('storage-public-url', parsePublicUrl, 'BLAAIZ_MOCK_STORAGE_PUBLIC_URL');
  const seedPath = read('seed', checkText);
  const compactAfter = read('compact-after', (source, value) => {
    const bytes = Number(value);
    if (!(Number.isInteger(bytes) && bytes > 0))
      throw new Error(`${source} must be a number of bytes > 0, got "${value}"`);
    return bytes;
  });
  const adminToken = read('admin-token', checkText, 'BLAAIZ_MOCK_ADMIN_TOKEN');
  const store = read('store', checkStoreUrl, 'BLAAIZ_MOCK_STORE');
  const grace = read('shutdown-grace', (source, value) => {
    const seconds = checkSeconds(source, value);
    if (seconds > 3600)
      throw new Error(`${source} must be a number of seconds from 0 to 3600, got "${value}"`);
    return seconds;
  });
  const seed = withWebhook(
    seedPath === undefined ? undefined : readSeedFile(seedPath),
    values['webhook-url'],
  );
  const journal = read('journal-size', (source, value) => {
    const n = Number(value);
    if (!(Number.isInteger(n) && n >= 0 && n <= 1_000_000))
      throw new Error(`${source} must be an integer from 0 to 1000000, got "${value}"`);
    return n;
  });
  const server: ServerOptions = {
    host: read('host', checkHost, 'BLAAIZ_MOCK_HOST') ?? '127.0.0.1',
    storageScheme: read('storage-scheme', checkScheme) ?? 'https',
    stateDir: read('state-dir', checkText, 'BLAAIZ_MOCK_STATE_DIR') ?? '.blaaiz-mock',
    durable: !bool('ephemeral'),
    ...(compactAfter === undefined ? {} : { compactAfterBytes: compactAfter }),
    ...(store === undefined ? {} : { store }),
    config: {
      minimalKybAllowed: bool('minimal-kyb'),
      rateLimit: bool('rate-limit'),
      externalKyc: !bool('no-external-kyc'),
      autoVerifyBusiness: bool('auto-verify-business'),
      strictFiles: bool('strict-files'),
      webhookChaos: webhookChaos(values['webhook-chaos']),
      ...(delay === undefined ? {} : { reviewDelaySeconds: delay }),
      ...(secret === undefined ? {} : { signingSecret: secret }),
      ...(adminToken === undefined ? {} : { adminToken }),
      ...(journal === undefined ? {} : { journalSize: journal }),
    },
    ...(port === undefined ? {} : { port }),
    ...(storagePort === undefined ? {} : { storagePort }),
    ...(publicUrl === undefined ? {} : { publicUrl }),
    ...(storagePublicUrl === undefined ? {} : { storagePublicUrl }),
    ...(seed === undefined ? {} : { seed }),
    ...(grace === undefined ? {} : { timeouts: { graceMs: Math.round(grace * 1000) } }),
  };
  const seedWebhook = seed === undefined || isStateExport(seed) ? undefined : seed.webhook;
  const webhook = seedWebhook && {
    url: seedWebhook.collection_url,
    signingSecret: seedWebhook.signing_secret,
  };
  return {
    server,
    quiet: bool('quiet'),
    help: bool('help'),
    version: bool('version'),
    caPath: bool('ca-path'),
    ...(webhook ? { webhook } : {}),
  };
}
