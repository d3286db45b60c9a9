import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** What a call answered: status, headers and the body as text. */
export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Options of one call; `body` may be a function that writes a large body with backpressure. */
export interface CallInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | ((write: (chunk: Buffer) => Promise<void>) => Promise<void>);
}

/** Keep-alive agents for the API (http) and the object store (https trusting the mock's CA). */
export function createAgents(caPem?: string, maxSockets = 64) {
  return {
    http: new HttpAgent({ keepAlive: true, maxSockets }),
    https: new HttpsAgent({ keepAlive: true, maxSockets, ...(caPem ? { ca: caPem } : {}) }),
  };
}

export type Agents = ReturnType<typeof createAgents>;

/** One HTTP(S) call with Node's own client (no fetch: it cannot be told which CA to trust). */
export function call(url: string, init: CallInit, agents: Agents): Promise<Reply> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: init.method ?? 'GET',
        headers: init.headers ?? {},
        agent: secure ? agents.https : agents.http,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    const body = init.body;
    if (typeof body === 'function') {
      const write = (chunk: Buffer) =>
        new Promise<void>((done) => (req.write(chunk) ? done() : req.once('drain', () => done())));
      body(write).then(
        () => req.end(),
        (error: unknown) => req.destroy(error as Error),
      );
    } else {
      req.end(body);
    }
  });
}

/** Asks the mock for an access token with every scope the flows need. */
export async function fetchToken(baseUrl: string, agents: Agents): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'mock-client',
    client_secret: 'mock-secret',
    scope: 'customer:read customer:write file:upload',
  });
  const reply = await call(
    `${baseUrl}/oauth/token`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    },
    agents,
  );
  if (reply.status !== 200) throw new Error(`token: ${reply.status} ${reply.text}`);
  return (JSON.parse(reply.text) as { access_token: string }).access_token;
}

/** A JSON POST with a bearer token; returns the reply with its body parsed when it is JSON. */
export async function postJson(url: string, token: string, body: unknown, agents: Agents) {
  const reply = await call(
    url,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
    agents,
  );
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(reply.text) as Record<string, unknown>;
  } catch {}
  return { ...reply, json };
}
