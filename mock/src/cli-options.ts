import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Seed } from './core/seed.js';
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
  --review-delay SECONDS   virtual seconds a verification stays PROCESSING (default 60)
  --signing-secret TEXT    HMAC secret of tokens and URLs (env BLAAIZ_MOCK_SIGNING_SECRET)
  --minimal-kyb            allow-list the platform for kyb_scope MINIMAL
  --rate-limit             enforce 120 requests/minute and 1,500/hour per client (429, X-RateLimit-*)
  --journal-size N         requests the journal keeps (default 1000; 0 = off)
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
      'minimal-kyb': { type: 'boolean', default: false },
      'rate-limit': { type: 'boolean', default: false },
      'journal-size': { type: 'string' },
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
  const journal = values['journal-size'] === undefined ? undefined : Number(values['journal-size']);
  if (journal !== undefined && !(Number.isInteger(journal) && journal >= 0 && journal <= 1_000_000))
    throw new Error('--journal-size must be an integer from 0 to 1000000');
  const secret = values['signing-secret'] ?? env.BLAAIZ_MOCK_SIGNING_SECRET;
  const port = integer('--port', values.port ?? env.PORT);
  const storagePort = integer('--storage-port', values['storage-port'] ?? env.STORAGE_PORT);
  const server: ServerOptions = {
    host: values.host ?? env.HOST ?? '127.0.0.1',
    storageScheme: scheme,
    stateDir: values['state-dir'] ?? env.BLAAIZ_MOCK_STATE_DIR ?? '.blaaiz-mock',
    config: {
      minimalKybAllowed: values['minimal-kyb'] ?? false,
      rateLimit: values['rate-limit'] ?? false,
      ...(delay === undefined ? {} : { reviewDelaySeconds: delay }),
      ...(journal === undefined ? {} : { journalSize: journal }),
      ...(secret ? { signingSecret: secret } : {}),
    },
    ...(port === undefined ? {} : { port }),
    ...(storagePort === undefined ? {} : { storagePort }),
    ...(values.seed ? { seed: readSeedFile(values.seed) } : {}),
  };
  return {
    server,
    quiet: values.quiet ?? false,
    help: values.help ?? false,
    caPath: values['ca-path'] ?? false,
  };
}
