import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../mock/src/generated/openapi.js';
import { type MockInstance, startMock } from '../../mock/src/testing.js';
import { sendRequest } from '../support/node-http.js';
import { newIndividual } from '../support/sample-files.js';
import { callApi, requestToken } from '../support/sdk-client.js';

let mock: MockInstance;
let token: string;

beforeAll(async () => {
  mock = await startMock();
  const { clientId, clientSecret, scope } = mock.credentials;
  token = (await requestToken(mock.baseUrl, clientId, clientSecret, scope)).json.access_token;
});
afterAll(() => mock.close());

describe('JSON bodies sent chunked, with no Content-Length', () => {
  it('creates a customer from a chunked body and reads every field back', async () => {
    const body = newIndividual({ first_name: 'Ngozi', id_number: 'C7654321' });
    const created = await callApi<components['schemas']['CustomerResponse']>(
      mock.baseUrl,
      'POST',
      '/api/external/customer',
      { token },
      body,
    );
    expect(created.sentChunked).toBe(true);
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({
      email: body.email,
      first_name: 'Ngozi',
      id_number: 'C7654321',
      type: 'individual',
    });
  });

  it('validates a chunked body like any other: a missing field is a 422 naming it', async () => {
    const { email: _omitted, ...body } = newIndividual();
    const refused = await callApi(mock.baseUrl, 'POST', '/api/external/customer', { token }, body);
    expect(refused.sentChunked).toBe(true);
    expect(refused.status).toBe(422);
    expect(refused.json.errors).toHaveProperty('email');
  });
});

describe('bodiless POSTs with Content-Type: application/json', () => {
  const bodiless = [
    { name: 'get-presigned-url', path: '/api/external/file/get-presigned-url' },
    { name: 'attach files', path: '/api/external/customer/6f1d8c2a-4b1e-4c3a-9a61-0d5b8e7f0a01/files' },
    { name: 'create customer', path: '/api/external/customer' },
  ];

  it.each(bodiless)('$name: a 4xx JSON answer with a message, not a 500', async ({ path }) => {
    const answer = await callApi(mock.baseUrl, 'POST', path, { token });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.headers['content-type']).toMatch(/application\/json/);
    expect(typeof answer.json.message).toBe('string');
    expect(answer.json.message?.length).toBeGreaterThan(0);
  });

  it('a bodiless token request is a 400 invalid_request, not a 500', async () => {
    const answer = await sendRequest<{ error: string; message: string }>(
      new URL('/oauth/token', mock.baseUrl),
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': 0 },
      },
    );
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('invalid_request');
    expect(answer.json.message.length).toBeGreaterThan(0);
  });

  it('an empty chunked body (Transfer-Encoding: chunked, zero chunks) is read as no body', async () => {
    const answer = await sendRequest<{ message: string; errors: Record<string, string[]> }>(
      new URL('/api/external/file/get-presigned-url', mock.baseUrl),
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Transfer-Encoding': 'chunked',
          Authorization: `Bearer ${token}`,
        },
      },
    );
    expect(answer.status).toBe(422);
    expect(answer.json.errors).toHaveProperty('customer_id');
  });
});
