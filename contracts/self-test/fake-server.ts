/** Small in-process HTTP servers on port 0 that answer whatever a self-test scripts: broken targets and fake Prisms. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createContractClient } from '../lib/contract-client.js';
import type { ClientConfig, ContractClient } from '../lib/contract-types.js';
import type { Observation } from '../lib/drift-report.js';

/** What a fake answers. */
export interface FakeAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A running fake: its base URL, the requests it saw, and `close()`. */
export interface FakeServer {
  readonly url: string;
  readonly seen: string[];
  close(): Promise<void>;
}

/** Answers a request (method and URL path given) with a scripted answer. */
export type FakeHandler = (request: IncomingMessage) => FakeAnswer;

/** Starts a fake on 127.0.0.1, port 0. */
export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      seen.push(`${request.method} ${request.url}`);
      const answer = handler(request);
      response.writeHead(answer.status, answer.headers ?? {});
      response.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A JSON answer. */
export function json(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): FakeAnswer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** A client judging the fake at `url` (or Prism at `apiUrl` in front of it), recording into `observations`. */
export function clientFor(
  url: string,
  observations: Observation[],
  prism?: { apiUrl: string },
): ContractClient {
  const config: ClientConfig = {
    target: 'fake',
    apiUrl: prism?.apiUrl ?? url,
    directUrl: url,
    viaPrism: prism !== undefined,
    sink: (observation) => observations.push(observation),
  };
  return createContractClient(config);
}
