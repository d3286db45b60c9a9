#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseCliOptions, USAGE } from './cli-options.js';
import { DEMO_IDS } from './demo-data.js';
import { packageVersion } from './package-info.js';
import { type RunningServers, startServers } from './server.js';
import { ensureTlsMaterial } from './tls/local-ca.js';

function banner(running: RunningServers): string {
  const { state } = running.deps;
  const lines = [
    'blaaiz-mock is ready',
    `  API            ${running.baseUrl}`,
    `  object store   ${running.storageUrl}`,
    running.caCertPath
      ? `  CA certificate ${running.caCertPath}  (also GET ${running.baseUrl}/__mock/ca.pem; NODE_EXTRA_CA_CERTS=${running.caCertPath})`
      : '  object store serves plain http (no CA)',
    `  listening on   ${running.listening.api} (API), ${running.listening.storage} (object store)`,
    '  OAuth clients (client_id / client_secret):',
    ...[...state.clients.values()].map((c) => `    ${c.clientId} / ${c.clientSecret}  ${c.description}`),
    ...[...state.legacyKeys].map((key) => `  legacy key     x-blaaiz-api-key: ${key}`),
    '  customers:',
    ...[...state.customers.values()].map((r) => `    ${r.view.id}  ${r.view.type}  ${r.view.email}`),
  ];
  if (state.customers.has(DEMO_IDS.individual)) lines.push('  (demo data; replace with --seed FILE)');
  return lines.join('\n');
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliOptions>;
  try {
    options = parseCliOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`blaaiz-mock: ${(error as Error).message} (blaaiz-mock --help lists the options)`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.version) {
    console.log(packageVersion());
    return;
  }
  if (options.caPath) {
    const { stateDir = '.blaaiz-mock' } = options.server;
    console.log((await ensureTlsMaterial(resolve(stateDir), [])).caCertPath);
    return;
  }
  // Signals are handled from the start, so a script that stops the mock right after its ready line (or
  // while it starts) always sees a clean exit 0.
  const starting = startServers(options.server);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!options.quiet) console.log(`\n${signal}: finishing in-flight requests…`);
    const exit = () => process.exit(0);
    setTimeout(exit, 10_000).unref();
    starting.then((running) => running.close()).then(exit, exit);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const running = await starting;
  if (stopping) return;
  const ready = {
    event: 'ready',
    baseUrl: running.baseUrl,
    storageUrl: running.storageUrl,
    caCertPath: running.caCertPath ?? null,
    listening: running.listening,
  };
  console.log(options.quiet ? JSON.stringify(ready) : banner(running));
}

main().catch((error: unknown) => {
  console.error(`blaaiz-mock: ${(error as Error).message}`);
  process.exit(1);
});
