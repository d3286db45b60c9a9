import type { CliOptions } from './cli-options.js';
import { DEMO_IDS } from './demo-data.js';
import { isLoopbackHost } from './http/control-guard.js';
import type { RunningServers } from './server.js';
import type { MockState } from './store/state.js';

/** The human ready text of the CLI: URLs, CA, credentials, customers; the admin token and a warning off loopback. */
export function readyBanner(
  running: RunningServers,
  state: MockState,
  host: string,
  webhook?: CliOptions['webhook'],
  kept?: string,
): string {
  const lines = [
    'blaaiz-mock is ready',
    `  API            ${running.baseUrl}`,
    `  object store   ${running.storageUrl}`,
    running.caCertPath
      ? `  CA certificate ${running.caCertPath}  (also GET ${running.baseUrl}/__mock/ca.pem; NODE_EXTRA_CA_CERTS=${running.caCertPath})`
      : '  object store serves plain http (no CA)',
    `  listening on   ${running.listening.api} (API), ${running.listening.storage} (object store)`,
    ...(kept ? [`  state          ${kept}`] : []),
    '  OAuth clients (client_id / client_secret):',
    ...[...state.clients.values()].map((c) => `    ${c.clientId} / ${c.clientSecret}  ${c.description}`),
    ...[...state.legacyKeys].map((key) => `  legacy key     x-blaaiz-api-key: ${key}`),
    ...(webhook
      ? [
          `  webhook        ${webhook.url}`,
          `  signing secret ${webhook.signingSecret}  (verify x-blaaiz-signature with it)`,
        ]
      : []),
    '  customers:',
    ...[...state.customers.values()].map((r) => `    ${r.view.id}  ${r.view.type}  ${r.view.email}`),
  ];
  if (state.customers.has(DEMO_IDS.individual)) lines.push('  (demo data; replace with --seed FILE)');
  if (running.adminToken)
    lines.push(`  admin token    Authorization: Bearer ${running.adminToken}  (required by /__mock/*)`);
  if (!isLoopbackHost(host)) {
    lines.push(
      '  WARNING: listening beyond this machine. Anyone who can reach these ports can use the demo',
      '  credentials; the mock controls need the admin token above. Use --host 127.0.0.1 unless you must.',
    );
  }
  return lines.join('\n');
}
