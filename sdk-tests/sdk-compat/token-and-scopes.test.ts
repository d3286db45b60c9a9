import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockInstance, startMock } from '../../mock/src/testing.js';
import { callApi, OFFICIAL_SDK_SCOPES, requestPresign, requestToken } from '../support/sdk-client.js';

let mock: MockInstance;
const DEMO_CUSTOMER = '6f1d8c2a-4b1e-4c3a-9a61-0d5b8e7f0a01';

beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

function tokenFor(scope: string) {
  return requestToken(mock.baseUrl, mock.credentials.clientId, mock.credentials.clientSecret, scope);
}

describe('token requests as the official SDKs send them', () => {
  it("grants a form token asking for the SDKs' default scopes, and the token works", async () => {
    expect(OFFICIAL_SDK_SCOPES).toHaveLength(25);
    const answer = await tokenFor(OFFICIAL_SDK_SCOPES.join(' '));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    const customer = await callApi(mock.baseUrl, 'GET', `/api/external/customer/${DEMO_CUSTOMER}`, {
      token: answer.json.access_token,
    });
    expect(customer.status).toBe(200);
  });

  it('drops compliance-kyc:pii:read for a client without it, as the SDKs rely on, and grants the rest', async () => {
    const scope = 'customer:read customer:write compliance-kyc:pii:read';
    const answer = await requestToken(mock.baseUrl, 'mock-no-upload', 'mock-no-upload-secret', scope);
    expect(answer.status).toBe(200);
    const claims = JSON.parse(
      Buffer.from(String(answer.json.access_token).split('.')[1] ?? '', 'base64url').toString(),
    );
    expect(claims.scopes).toEqual(['customer:read', 'customer:write']);
  });

  it('refuses a bundle name with invalid_scope rather than granting it', async () => {
    const answer = await tokenFor('full-access');
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: 'invalid_scope' });
  });

  it("gives the demo client without file:upload a token from the SDKs' defaults; an upload with it is 403", async () => {
    const answer = await requestToken(
      mock.baseUrl,
      'mock-no-upload',
      'mock-no-upload-secret',
      OFFICIAL_SDK_SCOPES.join(' '),
    );
    expect(answer.status).toBe(200);
    const token = answer.json.access_token;
    const read = await callApi(mock.baseUrl, 'GET', `/api/external/customer/${DEMO_CUSTOMER}`, { token });
    expect(read.status).toBe(200);
    const presign = await requestPresign(mock.baseUrl, { token }, DEMO_CUSTOMER);
    expect(presign.status).toBe(403);
    expect(presign.json.message).toMatch(/file:upload/);
  });

  it('refuses a string that is not a scope with invalid_scope, even among real ones', async () => {
    const answer = await tokenFor('customer:read files:upload');
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: 'invalid_scope' });
  });

  it('answers a wrong secret with invalid_client', async () => {
    const answer = await requestToken(mock.baseUrl, mock.credentials.clientId, 'wrong', 'customer:read');
    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ error: 'invalid_client' });
  });
});

describe('an empty scope= (one SDK version sends it by mistake)', () => {
  it('still gets a token, but every call with it is 403 and the message says why', async () => {
    const answer = await tokenFor('');
    expect(answer.status).toBe(200);
    const token = answer.json.access_token;
    const read = await callApi(mock.baseUrl, 'GET', `/api/external/customer/${DEMO_CUSTOMER}`, { token });
    expect(read.status).toBe(403);
    expect(read.json.message).toMatch(/customer:read/);
    expect(read.json.message).toMatch(/holds no scopes/);
    expect(read.json.message).toMatch(/scope parameter/);
    const presign = await requestPresign(mock.baseUrl, { token }, DEMO_CUSTOMER);
    expect(presign.status).toBe(403);
    expect(presign.json.message).toMatch(/file:upload/);
  });

  it('names only the missing scope when the token holds others', async () => {
    const token = (await tokenFor('customer:read')).json.access_token;
    const presign = await requestPresign(mock.baseUrl, { token }, DEMO_CUSTOMER);
    expect(presign.status).toBe(403);
    expect(presign.json.message).toMatch(/file:upload/);
    expect(presign.json.message).not.toMatch(/holds no scopes/);
  });
});

describe('the deprecated x-blaaiz-api-key of older SDKs', () => {
  it('has full access with the seeded key and 401 with an unknown one', async () => {
    const legacyKey = mock.credentials.legacyKey ?? 'missing';
    const path = `/api/external/customer/${DEMO_CUSTOMER}`;
    expect((await callApi(mock.baseUrl, 'GET', path, { apiKey: legacyKey })).status).toBe(200);
    const unknown = await callApi(mock.baseUrl, 'GET', path, { apiKey: 'not-a-key' });
    expect(unknown.status).toBe(401);
    expect(unknown.json.message).toBe('Invalid or missing access token');
  });
});
