/** The real `prism proxy` (Prism 5) in front of a broken fake: proof that the second judge validates here. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildServer } from '../lib/child-server.js';
import type { Observation } from '../lib/drift-report.js';
import { startPrism } from '../lib/start-target.js';
import { clientFor, type FakeServer, json, startFakeServer } from './fake-server.js';

const CUSTOMER = '3f6d2a8e-1c4b-4e7a-9b0d-8a5f2e1c7b34';
const NOT_FOUND = { status: false, message: 'Customer not found' };

describe('prism proxy as second judge', () => {
  let upstream: FakeServer;
  let prism: ChildServer<string>;
  const dir = mkdtempSync(join(tmpdir(), 'blaaiz-prism-self-test-'));
  const observations: Observation[] = [];

  beforeAll(async () => {
    upstream = await startFakeServer((request) => {
      if (request.headers['x-fault'] !== 'drop-field') return json(404, NOT_FOUND);
      const data = {
        id: CUSTOMER,
        business_id: CUSTOMER,
        type: 'individual',
        first_name: 'A',
        last_name: 'B',
      };
      return json(200, { message: 'ok', data });
    });
    prism = await startPrism(upstream.url, dir);
  }, 60_000);
  afterAll(async () => {
    await prism?.stop();
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const client = () => clientFor(upstream.url, observations, { apiUrl: prism.ready });

  it('flags a response that drops required fields, and the client fails naming them', async () => {
    const sent = client().send('getCustomer', {
      token: 't',
      params: { id: CUSTOMER },
      headers: { 'x-fault': 'drop-field' },
    });
    await expect(sent).rejects.toThrow(/getCustomer[\s\S]*Prism found a response violation[\s\S]*'email'/);
  });

  it('forwards a valid exchange without a verdict', async () => {
    const response = await client().send('getCustomer', { token: 't', params: { id: CUSTOMER } });
    expect(response.status).toBe(404);
    expect(observations.at(-1)).toMatchObject({ prism: 0, issues: 0 });
  });

  it('refuses a request without credentials itself (401 problem+json), which the client replays to the target', async () => {
    const before = upstream.seen.length;
    const response = await client().send('getCustomer', {
      params: { id: CUSTOMER },
      invalid: 'no credential',
    });
    expect(response.status).toBe(404);
    expect(upstream.seen.length).toBe(before + 1);
    expect(observations.at(-1)).toMatchObject({ prismRejectedRequest: true });
  });

  it('refuses a body outside the schema (422) and an unparseable one (400 invalid_json)', async () => {
    const bad = { customer_id: CUSTOMER, file_category: 'selfie' };
    await client().send('getPresignedUrl', { token: 't', json: bad, invalid: 'category outside its enum' });
    const raw = { contentType: 'application/json', text: '{"customer_id":' };
    await client().send('getPresignedUrl', { token: 't', raw, invalid: 'malformed JSON' });
    expect(observations.slice(-2).map((o) => o.prismRejectedRequest)).toEqual([true, true]);
  });
});
