import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSocketMock } from './abuse-kit.js';

/** Sends raw bytes and collects everything the server writes until it closes the connection. */
function rawExchange(base: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const parts: Buffer[] = [];
    socket.on('data', (part: Buffer) => parts.push(part));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(parts).toString('utf8')));
    socket.end(bytes);
  });
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const type = /^content-type: (.+)$/im.exec(head)?.[1]?.trim() ?? '';
  return { status, type, body };
}

const CASES: Array<[string, string, number]> = [
  [
    'bad chunked encoding',
    'POST /oauth/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n',
    400,
  ],
  ['header overflow', `GET /__mock/state HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  [
    'a smuggling attempt (Content-Length and Transfer-Encoding)',
    'POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /__mock/state HTTP/1.1\r\nHost: x\r\n\r\n',
    400,
  ],
  [
    'oversized chunk extensions',
    `POST /oauth/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;${'e'.repeat(20_000)}\r\na\r\n0\r\n\r\n`,
    413,
  ],
  ['a request line that is not HTTP', 'HELLO\r\n\r\n', 400],
];

describe("requests Node's parser refuses are answered in each listener's shape", () => {
  let mock: Awaited<ReturnType<typeof startSocketMock>>;
  beforeAll(async () => {
    mock = await startSocketMock();
  });
  afterAll(() => mock.close());

  it.each(CASES)('API: %s → %i JSON with a message', async (_label, bytes, status) => {
    const answer = parse(await rawExchange(mock.running.baseUrl, bytes));
    expect(answer.status, answer.body).toBe(status);
    expect(answer.type).toMatch(/^application\/json/);
    const json = JSON.parse(answer.body) as { status: boolean; message: string };
    expect(json.status).toBe(false);
    expect(json.message.length).toBeGreaterThan(0);
  });

  it.each(CASES)('object store: %s → %i S3 XML', async (_label, bytes, status) => {
    const answer = parse(await rawExchange(mock.running.storageUrl, bytes));
    expect(answer.status, answer.body).toBe(status);
    expect(answer.type).toBe('application/xml');
    expect(answer.body).toMatch(/^<\?xml[^>]*>\s*<Error><Code>\w+<\/Code><Message>[^<]+<\/Message>/);
  });

  it('still serves well-formed requests afterwards', async () => {
    expect((await mock.send('/__mock/state', { method: 'GET' })).status).toBe(200);
  });
});
