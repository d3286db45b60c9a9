import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/demo-data.js';
import { PDF_BYTES, PNG_BYTES } from '../../src/test-kit.js';
import { callJson, inParallel, inProcessTarget, socketTarget, type Target } from './abuse-kit.js';

const SLOTS = ['id_file', 'id_file_back', 'proof_of_address_file', 'liveness_check_file'] as const;
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

async function createIndividual(target: Target, n: number): Promise<string> {
  const res = await callJson(target, 'POST', '/api/external/customer', {
    type: 'individual',
    first_name: 'Race',
    last_name: `Runner${n}`,
    email: `race-${n}-${Math.random().toString(36).slice(2)}@example.com`,
    country: 'NG',
    id_type: 'passport',
    id_number: `R${n}`,
  });
  expect(res.status).toBe(201);
  return res.json.data.id as string;
}

async function presign(target: Target, customerId: string, category: string) {
  const res = await callJson(target, 'POST', '/api/external/file/get-presigned-url', {
    customer_id: customerId,
    file_category: category,
  });
  expect(res.status).toBe(200);
  return { url: res.json.url as string, fileId: res.json.file_id as string };
}

describe.each([
  ['in process', inProcessTarget],
  ['over sockets', socketTarget],
])('races (%s)', (_label, start) => {
  let target: Target;
  beforeAll(async () => {
    target = await start();
  });
  afterAll(() => target.close());

  it('100 parallel attaches of one file_id to different slots and customers: exactly one wins', async () => {
    const customers = [await createIndividual(target, 0)];
    customers.push(...(await inParallel(24, (n) => createIndividual(target, n + 1))));
    const [owner] = customers as [string];
    const file = await presign(target, owner, 'proof_of_address');
    expect((await target.put(file.url, PNG_BYTES)).status).toBe(200);
    const targets = customers.flatMap((customer) => SLOTS.map((slot) => ({ customer, slot })));
    const results = await inParallel(targets.length, async (i) => {
      const { customer, slot } = targets[i] ?? { customer: owner, slot: 'id_file' };
      return (
        await callJson(target, 'POST', `/api/external/customer/${customer}/files`, { [slot]: file.fileId })
      ).status;
    });
    expect(results).toHaveLength(100);
    expect(count(results, 200)).toBe(1);
    expect(count(results, 422)).toBe(99);
    const state = (await callJson(target, 'GET', '/__mock/state')).json;
    const attached = state.uploads.files.filter((f: { file_id: string }) => f.file_id === file.fileId);
    expect(attached).toMatchObject([{ attached_to: `${owner}/proof_of_address_file` }]);
  });

  it('100 parallel PUTs to one presigned URL: exactly one 200, and the object is its body', async () => {
    const customer = await createIndividual(target, 100);
    const { url, fileId } = await presign(target, customer, 'identity');
    const bodies = Array.from({ length: 100 }, (_, i) =>
      Buffer.concat([PNG_BYTES, Buffer.alloc(64 * 1024, i)]),
    );
    const answers = await inParallel(100, async (i) => {
      const res = await target.put(url, bodies[i] ?? PNG_BYTES);
      return { status: res.status, etag: res.headers.get('etag'), text: await res.text(), i };
    });
    const winners = answers.filter((a) => a.status === 200);
    expect(winners).toHaveLength(1);
    for (const loser of answers.filter((a) => a.status !== 200)) {
      expect(loser.status).toBe(403);
      expect(loser.text).toContain('<Code>AccessDenied</Code>');
    }
    const winner = winners[0] ?? answers[0];
    expect(winner?.etag).toBe(`"${md5(bodies[winner?.i ?? 0] ?? PNG_BYTES)}"`);
    const state = (await callJson(target, 'GET', '/__mock/state')).json;
    expect(state.uploads.files.find((f: { file_id: string }) => f.file_id === fileId)?.etag).toBe(
      winner?.etag,
    );
  });

  it('100 parallel business creations with one registration number and country: exactly one 201', async () => {
    const registration = `RACE-${Math.random().toString(36).slice(2)}`;
    const results = await inParallel(100, async (i) => {
      const res = await callJson(target, 'POST', '/api/external/customer', {
        type: 'business',
        business_name: `Race ${i} Ltd`,
        email: `kyb-${i}-${registration}@example.com`,
        country: 'GB',
        registration_number: registration,
        incorporation_country: 'GB',
      });
      return res;
    });
    expect(
      count(
        results.map((r) => r.status),
        201,
      ),
    ).toBe(1);
    for (const loser of results.filter((r) => r.status !== 201)) {
      expect(loser.status).toBe(422);
      expect(Object.keys(loser.json.errors)).toContain('registration_number');
    }
    const list = await callJson(target, 'GET', `/api/external/customer?registration_number=${registration}`);
    expect(list.json.data).toHaveLength(1);
  });

  it('100 parallel registrations of one uploaded KYB document file: exactly one 201', async () => {
    const presigned = await callJson(
      target,
      'POST',
      `/api/external/customer/${DEMO_IDS.business}/document/presigned-url`,
    );
    expect(presigned.status).toBe(200);
    const { file_id: fileId, url } = presigned.json.data as { file_id: string; url: string };
    expect((await target.put(url, PDF_BYTES)).status).toBe(200);
    const results = await inParallel(100, async (i) => {
      const body = { type: 'CERTIFICATE_OF_INCORPORATION', name: `Certificate ${i}`, file_id: fileId };
      return (await callJson(target, 'POST', `/api/external/customer/${DEMO_IDS.business}/document`, body))
        .status;
    });
    expect(count(results, 201)).toBe(1);
    expect(count(results, 422)).toBe(99);
  });
});
