/** Prism as second judge: its problem+json answers and `sl-violations` header fail the run; refused requests are replayed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../lib/drift-report.js';
import { readPrismVerdict } from '../lib/prism-verdict.js';
import { clientFor, type FakeServer, json, startFakeServer } from './fake-server.js';

const CUSTOMER = '3f6d2a8e-1c4b-4e7a-9b0d-8a5f2e1c7b34';
const RESPONSE_VIOLATION = [
  {
    location: ['response', 'body', 'data'],
    severity: 'Error',
    code: 'required',
    message: "must have required property 'email'",
  },
];
const problem = (type: string, status: number, validation: unknown[]) =>
  json(
    status,
    { type: `https://stoplight.io/prism/errors#${type}`, title: 't', status, detail: 'd', validation },
    {
      'content-type': 'application/problem+json',
      ...(type === 'VIOLATIONS' ? { 'sl-violations': JSON.stringify(validation) } : {}),
    },
  );

describe('Prism verdicts', () => {
  let upstream: FakeServer;
  let prism: FakeServer;
  const observations: Observation[] = [];
  beforeAll(async () => {
    upstream = await startFakeServer(() => json(404, { status: false, message: 'Customer not found' }));
    prism = await startFakeServer((request) => {
      const fault = request.headers['x-fault'];
      if (request.headers.authorization === undefined) return problem('UNAUTHORIZED', 401, []);
      if (fault === 'response') return problem('VIOLATIONS', 500, RESPONSE_VIOLATION);
      if (fault === 'status') {
        const warning = [
          {
            location: ['response'],
            severity: 'Warning',
            message: 'Unable to match the returned status code',
          },
        ];
        return json(418, { message: 'teapot' }, { 'sl-violations': JSON.stringify(warning) });
      }
      return json(404, { status: false, message: 'Customer not found' });
    });
  });
  afterAll(() => Promise.all([upstream.close(), prism.close()]));

  const client = () => clientFor(upstream.url, observations, { apiUrl: prism.url });

  it('fails on a response violation, naming the operation and what Prism found', async () => {
    const sent = client().send('getCustomer', {
      token: 't',
      params: { id: CUSTOMER },
      headers: { 'x-fault': 'response' },
    });
    await expect(sent).rejects.toThrow(
      /getCustomer: GET .* \(answered 500\): Prism found a response violation[\s\S]*'email'/,
    );
    expect(observations.at(-1)).toMatchObject({ operationId: 'getCustomer', prism: 1 });
  });

  it('fails on an sl-violations header even when Prism forwarded the answer', async () => {
    const sent = client().send('getCustomer', {
      token: 't',
      params: { id: CUSTOMER },
      headers: { 'x-fault': 'status' },
    });
    await expect(sent).rejects.toThrow(
      /getCustomer[\s\S]*Prism found[\s\S]*Unable to match the returned status code/,
    );
  });

  it('passes a clean exchange through and judges it itself', async () => {
    const response = await client().send('getCustomer', { token: 't', params: { id: CUSTOMER } });
    expect(response.status).toBe(404);
    expect(observations.at(-1)).toMatchObject({
      operationId: 'getCustomer',
      status: 404,
      prism: 0,
      issues: 0,
    });
  });

  it('requires Prism to refuse a request broken on purpose, then replays it to the target itself', async () => {
    const before = upstream.seen.length;
    const response = await client().send('getCustomer', {
      params: { id: CUSTOMER },
      invalid: 'no credential',
    });
    expect(response.status).toBe(404);
    expect(upstream.seen.length).toBe(before + 1);
    expect(observations.at(-1)).toMatchObject({ prismRejectedRequest: true, prism: null });
  });

  it('fails when Prism forwards a request the test broke on purpose', async () => {
    const sent = client().send('getCustomer', {
      token: 't',
      params: { id: CUSTOMER },
      invalid: 'pretend',
      headers: {},
    });
    await expect(sent).rejects.toThrow(/declared invalid/);
  });

  it('reads problem+json without sl-violations as a refused request', () => {
    const verdict = readPrismVerdict(
      { 'content-type': 'application/problem+json' },
      JSON.stringify({
        type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY',
        validation: [
          { location: ['body', 'file_category'], severity: 'Error', message: 'must be equal to one of' },
        ],
      }),
    );
    expect(verdict).toMatchObject({ kind: 'request', violations: [{ location: 'body.file_category' }] });
  });

  it("reads Prism's own refusal of an unparseable body as a refused request", () => {
    const body = JSON.stringify({ error: { code: 'invalid_json', message: 'Invalid JSON' } });
    const verdict = readPrismVerdict({ 'content-type': 'application/json; charset=utf-8' }, body);
    expect(verdict.kind).toBe('request');
  });
});
