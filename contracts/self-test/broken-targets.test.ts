/** The suite's own client against deliberately broken targets: each fault fails, naming the operation and the fault. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractClient } from '../lib/contract-types.js';
import type { Observation } from '../lib/drift-report.js';
import { clientFor, type FakeServer, json, startFakeServer } from './fake-server.js';

const TOKEN = { token_type: 'Bearer', expires_in: 900, access_token: 'a.b.c' };
const CUSTOMER_ID = '3f6d2a8e-1c4b-4e7a-9b0d-8a5f2e1c7b34';
const PRESIGNED_QUERY =
  'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=K%2F20260420%2Fus-east-1%2Fs3%2Faws4_request' +
  '&X-Amz-Date=20260420T101431Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=abc';
const form = { grant_type: 'client_credentials', client_id: 'c', client_secret: 's', scope: '' };

/** Which fault the broken target plays, chosen by the path and the test's `x-fault` header. */
function brokenAnswer(path: string, fault: unknown) {
  if (fault === 'missing') return json(200, { token_type: 'Bearer', expires_in: 900 });
  if (fault === 'extra') return json(200, { ...TOKEN, refresh_token: 'r' });
  if (fault === 'type') return json(200, { ...TOKEN, expires_in: '900' });
  if (fault === 'html')
    return { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>ok</html>' };
  if (fault === 'text') return { status: 200, headers: { 'content-type': 'application/json' }, body: 'OK' };
  if (path.startsWith('/api/external/customer/')) return json(418, { message: "I'm a teapot" });
  if (path.startsWith('/blaaiz-uploads/unquoted'))
    return { status: 200, headers: { etag: 'd41d8cd98f00b204e9800998ecf8427e' } };
  return { status: 200 };
}

describe('a target that breaks openapi.yaml makes the suite fail', () => {
  let server: FakeServer;
  let api: ContractClient;
  const observations: Observation[] = [];
  beforeAll(async () => {
    server = await startFakeServer((request) => brokenAnswer(request.url ?? '', request.headers['x-fault']));
    api = clientFor(server.url, observations);
  });
  afterAll(() => server.close());

  const tokenFrom = (fault: string) => api.call('issueToken', 200, { form, headers: { 'x-fault': fault } });

  it('drops a required field: issueToken 200 without access_token', async () => {
    await expect(tokenFrom('missing')).rejects.toThrow(/issueToken 200[\s\S]*\/access_token: is required/);
    expect(observations.at(-1)).toMatchObject({ operationId: 'issueToken', status: 200, issues: 1 });
  });

  it('adds a field the spec does not list: issueToken 200 with refresh_token', async () => {
    await expect(tokenFrom('extra')).rejects.toThrow(/issueToken 200[\s\S]*\/refresh_token: is not allowed/);
  });

  it('returns a wrong type: expires_in as a string', async () => {
    await expect(tokenFrom('type')).rejects.toThrow(
      /issueToken 200[\s\S]*\/expires_in: must be integer[\s\S]*got: {6}"900"/,
    );
  });

  it('answers an undocumented status: getCustomer 418', async () => {
    const sent = api.send('getCustomer', { token: 't', params: { id: CUSTOMER_ID } });
    await expect(sent).rejects.toThrow(/getCustomer 418[\s\S]*status 418 is not documented/);
  });

  it('returns a non-JSON 2xx: listCustomers 200 as text/html', async () => {
    const sent = api.send('listCustomers', { token: 't', headers: { 'x-fault': 'html' } });
    await expect(sent).rejects.toThrow(
      /listCustomers 200[\s\S]*content type is not documented[\s\S]*text\/html/,
    );
  });

  it('returns a non-JSON 2xx labelled JSON: listCustomers 200 "OK"', async () => {
    const sent = api.send('listCustomers', { token: 't', headers: { 'x-fault': 'text' } });
    await expect(sent).rejects.toThrow(/listCustomers 200[\s\S]*must be valid JSON/);
  });

  it('omits the ETag on PUT: putObject 200', async () => {
    const put = api.putObject(`${server.url}/blaaiz-uploads/key?${PRESIGNED_QUERY}`, new Uint8Array([1]));
    await expect(put).rejects.toThrow(/putObject 200[\s\S]*header:ETag: is required/);
  });

  it('answers an unquoted ETag: putObject 200', async () => {
    const put = api.putObject(
      `${server.url}/blaaiz-uploads/unquoted?${PRESIGNED_QUERY}`,
      new Uint8Array([1]),
    );
    await expect(put).rejects.toThrow(/putObject 200[\s\S]*header:ETag: must match pattern/);
  });
});
