import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/demo-data.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { listOperations } from '../../src/spec/operations.js';
import { makeTestMock } from '../../src/test-kit.js';
import { expectApiRefusal, type Send, startSocketMock, stateSnapshot } from './abuse-kit.js';
import { type InvalidRequest, invalidRequests, type RequestContext } from './invalid-requests.js';

const spec = loadSpec();
const operationIds = listOperations(spec)
  .map((op) => op.operationId)
  .filter((id) => id !== 'putObject');

async function expectRefusedWithoutChange(send: Send, request: InvalidRequest, before: unknown) {
  const init: RequestInit = { method: request.method, headers: request.headers };
  if (request.body !== undefined) init.body = request.body;
  await expectApiRefusal(await send(request.path, init), request.path);
  expect(await stateSnapshot(send)).toEqual(before);
}

describe('requests generated from openapi.yaml that break its rules, in process', () => {
  let send: Send;
  let ctx: RequestContext;
  let before: unknown;

  beforeAll(async () => {
    const mock = await makeTestMock();
    send = async (path, init) => mock.api.request(path, init);
    ctx = {
      token: await mock.token(),
      tokenWithoutScopes: await mock.token('mock-client', ''),
      individualId: DEMO_IDS.individual,
      businessId: DEMO_IDS.business,
    };
    before = await stateSnapshot(send);
  });

  it('break every operation at least two ways', () => {
    const { byOperation } = invalidRequests(spec, ctx);
    expect([...byOperation.keys()].sort()).toEqual([...operationIds].sort());
    // An operation without parameters or body (getWebhook) has only its credentials to break.
    const operations = new Map(listOperations(spec).map((op) => [op.operationId, op]));
    const inputless = (id: string) =>
      operations.get(id)?.parameters.length === 0 && !operations.get(id)?.definition.requestBody;
    for (const [id, ways] of byOperation)
      expect(ways.length, id).toBeGreaterThanOrEqual(inputless(id) ? 1 : 2);
  });

  it.each(operationIds)('%s: always a 4xx in the API error shape, and the state is unchanged', async (id) => {
    const ways = invalidRequests(spec, ctx).byOperation.get(id) ?? [];
    await fc.assert(
      fc.asyncProperty(fc.oneof(...ways), (request) => expectRefusedWithoutChange(send, request, before)),
      { numRuns: 40 },
    );
  });
});

describe('requests generated from openapi.yaml that break its rules, over a socket', () => {
  let mock: Awaited<ReturnType<typeof startSocketMock>>;
  let ctx: RequestContext;

  beforeAll(async () => {
    mock = await startSocketMock();
    ctx = {
      token: await mock.tokenFor('customer:read customer:write file:upload'),
      tokenWithoutScopes: await mock.tokenFor(''),
      individualId: DEMO_IDS.individual,
      businessId: DEMO_IDS.business,
    };
  });
  afterAll(() => mock.close());

  it('always a 4xx in the API error shape, and the state is unchanged', async () => {
    const before = await stateSnapshot(mock.send);
    await fc.assert(
      fc.asyncProperty(invalidRequests(spec, ctx).any, (request) =>
        expectRefusedWithoutChange(mock.send, request, before),
      ),
      { numRuns: 150 },
    );
  });
});
