import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../mock/src/demo-data.js';
import { type MockInstance, startMock } from '../../mock/src/testing.js';
import { requestPresign, requestToken } from '../support/sdk-client.js';
import { withRetries } from './retrying-client.js';

let mock: MockInstance;
let token: string;

beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(async () => {
  await mock.reset();
  const { clientId, clientSecret } = mock.credentials;
  token = (await requestToken(mock.baseUrl, clientId, clientSecret, 'file:upload')).json.access_token;
});

const policy = { attempts: 4, pauseMs: 10 };
const presign = () => requestPresign(mock.baseUrl, { token }, DEMO_IDS.individual);

describe('an SDK-style client with a retry loop against faults', () => {
  it('survives a 503 fault that fires twice: the third attempt gets the presigned URL', async () => {
    const rule = await mock.faults.add({ operationId: 'getPresignedUrl', status: 503, times: 2 });
    const { response, attempts } = await withRetries(presign, policy);
    expect(response.status).toBe(200);
    expect(response.json.url).toContain('/blaaiz-uploads/');
    expect(attempts).toBe(3);
    const seen = await mock.requests({ operationId: 'getPresignedUrl' });
    expect(seen.map((entry) => [entry.status, entry.fault?.id ?? null])).toEqual([
      [503, rule.id],
      [503, rule.id],
      [200, null],
    ]);
    expect((await mock.faults.list())[0]).toMatchObject({ fired: 2, active: false });
  });

  it('gives up on a 503 fault that fires 99 times: every attempt is refused and the 503 surfaces', async () => {
    await mock.faults.add({ operationId: 'getPresignedUrl', status: 503, times: 99 });
    const { response, attempts } = await withRetries(presign, policy);
    expect(attempts).toBe(policy.attempts);
    expect(response.status).toBe(503);
    expect(response.json.message).toBe('Service Unavailable');
    expect(await mock.requests({ operationId: 'getPresignedUrl', status: 503 })).toHaveLength(4);
    expect((await mock.faults.list())[0]).toMatchObject({ fired: 4, active: true });
  });

  it('retries a dropped token request and a 429 with Retry-After', async () => {
    await mock.faults.add({ operationId: 'issueToken', drop: true, times: 1 });
    await mock.faults.add({ operationId: 'getPresignedUrl', status: 429, retryAfterSeconds: 1, times: 1 });
    const { clientId, clientSecret } = mock.credentials;
    const issued = await withRetries(
      () => requestToken(mock.baseUrl, clientId, clientSecret, 'file:upload'),
      policy,
    );
    expect(issued).toMatchObject({ attempts: 2, response: { status: 200 } });
    const limited = await withRetries(presign, policy);
    expect(limited).toMatchObject({ attempts: 2, response: { status: 200 } });
    const [refused] = await mock.requests({ status: 429 });
    expect(refused?.response.headers['retry-after']).toBe('1');
    expect(refused?.response.headers['x-ratelimit-remaining']).toBe('0');
  });
});
