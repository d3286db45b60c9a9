import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockControls } from '../../mock/src/testing.js';
import { newIndividual } from '../support/sample-files.js';
import { callApi, requestToken } from '../support/sdk-client.js';
import { readyLine, runCli } from './run-cli.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

let stateDir: string;
beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'blaaiz-cli-webhook-'));
});
afterAll(() => rm(stateDir, { recursive: true, force: true }));

describe('blaaiz-mock --webhook-url', () => {
  it('registers the URL at start, prints the signing secret, and delivers signed events to it', async () => {
    const received: Received[] = [];
    let arrived: (() => void) | undefined;
    const receiver = createServer((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(parts).toString('utf8') });
        response.end('ok');
        arrived?.();
      });
    });
    await once(receiver.listen(0, '127.0.0.1'), 'listening');
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const run = runCli([
      '--quiet',
      '--port',
      '0',
      '--storage-port',
      '0',
      '--state-dir',
      stateDir,
      '--webhook-url',
      url,
    ]);
    try {
      const ready = (await readyLine(run)) as unknown as {
        baseUrl: string;
        webhookUrl: string;
        webhookSigningSecret: string;
      };
      expect(ready.webhookUrl).toBe(url);
      expect(ready.webhookSigningSecret).toMatch(/^[0-9a-f]{40}$/);
      const token = await requestToken(ready.baseUrl, 'mock-client', 'mock-secret', 'customer:write');
      const created = await callApi<{ data: { id: string } }>(
        ready.baseUrl,
        'POST',
        '/api/external/customer',
        {
          token: token.json.access_token,
        },
        newIndividual(),
      );
      const delivered = new Promise<void>((resolve) => (arrived = resolve));
      await mockControls(ready.baseUrl).forceReview(created.json.data.id, 'VERIFIED');
      await delivered;
      const [first] = received;
      const timestamp = String(first?.headers['x-blaaiz-timestamp']);
      const expected = createHmac('sha256', ready.webhookSigningSecret)
        .update(`${timestamp}.${first?.body}`)
        .digest('hex');
      expect(first?.headers['x-blaaiz-signature']).toBe(expected);
      expect(JSON.parse(first?.body ?? '{}')).toMatchObject({
        customer_id: created.json.data.id,
        new_status: 'VERIFIED',
      });
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
      receiver.close();
    }
  });
});
