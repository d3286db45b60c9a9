import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ClaimedAttempt } from '../core/webhook-delivery.js';
import { sendAttempt } from './webhook-sender.js';

const claimed = (url: string, copies = 1): ClaimedAttempt => ({
  eventId: 'evt',
  attempt: 1,
  url,
  body: '{"event_id":"evt"}',
  secret: 'a-signing-secret',
  at: 0,
  replay: false,
  copies,
});

describe('sendAttempt', () => {
  it('signs with the timestamp it sends, and reports the status', async () => {
    const seen: Array<Record<string, string | string[] | undefined>> = [];
    const server = createServer((request, response) => {
      seen.push(request.headers);
      request.resume();
      request.on('end', () => response.writeHead(202).end());
    });
    await once(server.listen(0, '127.0.0.1'), 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const outcome = await sendAttempt(fetch, claimed(url, 2), 1_800_000_000, new AbortController().signal);
    server.close();
    expect(outcome).toMatchObject({ status: 202, error: null });
    expect(seen).toHaveLength(2);
    const expected = createHmac('sha256', 'a-signing-secret')
      .update('1800000000.{"event_id":"evt"}')
      .digest('hex');
    expect(seen[0]?.['x-blaaiz-signature']).toBe(expected);
    expect(seen[0]?.['x-blaaiz-timestamp']).toBe('1800000000');
  });

  it('gives up on a receiver that does not answer within the timeout, and names a refused connection', async () => {
    const server = createServer(() => undefined); // never answers
    await once(server.listen(0, '127.0.0.1'), 'listening');
    const port = (server.address() as AddressInfo).port;
    const hung = await sendAttempt(
      fetch,
      claimed(`http://127.0.0.1:${port}/`),
      1,
      new AbortController().signal,
      200,
    );
    expect(hung.status).toBeNull();
    expect(hung.error).toMatch(/^timeout/);
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
    const refused = await sendAttempt(
      fetch,
      claimed(`http://127.0.0.1:${port}/`),
      1,
      new AbortController().signal,
    );
    expect(refused).toMatchObject({ status: null, error: 'connection refused' });
  });
});
