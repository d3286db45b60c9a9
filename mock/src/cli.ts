#!/usr/bin/env node
import { resolve } from 'node:path';
import { readyBanner } from './banner.js';
import { type CliOptions, parseCliOptions, USAGE } from './cli-options.js';
import { packageVersion } from './package-info.js';
import { DEFAULT_TIMEOUTS, startServers } from './server.js';
import { ensureTlsMaterial } from './tls/local-ca.js';

/** Where the instance keeps its state, for the banner. */
function whereStateIsKept(server: CliOptions['server'], stateDir: string): string {
  if (server.store) return `shared on ${server.store.replace(/\/\/[^@/]*@/, '//…@')}`;
  if (server.durable) return `${stateDir}/state (kept across restarts; --ephemeral to keep it in memory)`;
  return 'in memory only (--ephemeral): every start begins from the seed';
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
    // close() cuts off what is still in flight after its grace period; this is only a last resort.
    setTimeout(exit, (options.server.timeouts?.graceMs ?? DEFAULT_TIMEOUTS.graceMs) + 5_000).unref();
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
    ...(running.adminToken ? { adminToken: running.adminToken } : {}),
    ...(options.webhook
      ? { webhookUrl: options.webhook.url, webhookSigningSecret: options.webhook.signingSecret }
      : {}),
  };
  const host = options.server.host ?? '127.0.0.1';
  const text = options.quiet
    ? JSON.stringify(ready)
    : await running.deps.store.transact((state) =>
        readyBanner(
          running,
          state,
          host,
          options.webhook,
          whereStateIsKept(options.server, running.stateDir),
        ),
      );
  console.log(text);
}

main().catch((error: unknown) => {
  console.error(`blaaiz-mock: ${(error as Error).message}`);
  process.exit(1);
});
