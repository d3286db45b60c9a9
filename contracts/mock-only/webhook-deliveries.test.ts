/**
 * Deliveries the target sends, judged against the spec's `webhooks:` entry (strict: no undocumented
 * field) and verified with the documented signature algorithm, for each transition of both customer types.
 */
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBusiness,
  createIndividual,
  owner,
  putSample,
  registerDocument,
  uploadFile,
} from '../lib/fixtures.js';
import { advanceClock, forceReview, hasMockControls, resetMock } from '../lib/mock-controls.js';
import { judgeWebhook } from '../lib/spec-judge.js';
import { api, target, tokenFor, uniqueTag } from '../lib/suite.js';

interface Delivery {
  headers: IncomingHttpHeaders;
  text: string;
  body: {
    customer_id?: string;
    old_status?: string;
    new_status?: string;
    event_id?: string;
    comment?: string | null;
  };
}

const local = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(target.directUrl).hostname);
const received: Delivery[] = [];
const server = createServer((request, response) => {
  const parts: Buffer[] = [];
  request.on('data', (part: Buffer) => parts.push(part));
  request.on('end', () => {
    const text = Buffer.concat(parts).toString('utf8');
    received.push({ headers: request.headers, text, body: JSON.parse(text) });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
let secret = '';

function deliveryOf(customerId: string, newStatus: string): Delivery {
  const found = received.find((d) => d.body.customer_id === customerId && d.body.new_status === newStatus);
  if (!found)
    throw new Error(
      `no delivery ${newStatus} for ${customerId}; got ${received.map((d) => d.text).join('\n')}`,
    );
  return found;
}

function expectValid(delivery: Delivery): void {
  const issues = judgeWebhook('customer.status_changed', {
    status: 200,
    headers: delivery.headers,
    text: delivery.text,
  });
  expect(issues, JSON.stringify(issues)).toEqual([]);
  const timestamp = String(delivery.headers['x-blaaiz-timestamp']);
  const expected = createHmac('sha256', secret).update(`${timestamp}.${delivery.text}`).digest('hex');
  expect(delivery.headers['x-blaaiz-signature']).toBe(expected);
}

describe.skipIf(!hasMockControls || !local)('customer.status_changed deliveries (judged by the spec)', () => {
  beforeAll(async () => {
    await once(server.listen(0, '127.0.0.1'), 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    await resetMock();
    const token = await tokenFor('webhook:write');
    const created = await api.call('createWebhook', 200, {
      token,
      json: { collection_url: url, payout_url: url },
    });
    secret = created.data.signing_secret;
  });
  afterAll(async () => {
    server.close();
    await resetMock();
  });

  it('individual: PENDING → VERIFIED when the review completes on the clock', async () => {
    const customer = await createIndividual();
    const { fileId } = await uploadFile(customer.id, 'identity');
    const params = { id: customer.id };
    await api.call('uploadCustomerFiles', 200, {
      token: await tokenFor(),
      params,
      json: { id_file: fileId },
    });
    await advanceClock(61);
    const delivery = deliveryOf(customer.id, 'VERIFIED');
    expect(delivery.body).toMatchObject({ old_status: 'PENDING', comment: null });
    expectValid(delivery);
  });

  it('individual: PENDING → REJECTED with the comment when forced', async () => {
    const customer = await createIndividual();
    await forceReview(customer.id, 'REJECTED');
    await advanceClock(0);
    const delivery = deliveryOf(customer.id, 'REJECTED');
    expect(delivery.body.old_status).toBe('PENDING');
    expectValid(delivery);
  });

  it('business: PENDING → PROCESSING on submit, then PROCESSING → VERIFIED', async () => {
    const token = await tokenFor();
    const created = await createBusiness({ owners: [owner(uniqueTag())] });
    const params = { customer: created.id, owner: created.owners?.[0]?.id ?? '' };
    const presigned = await api.call('getOwnerFilePresignedUrl', 200, {
      token,
      params,
      json: { file_category: 'id_document_front' },
    });
    await api.call('uploadOwnerFiles', 200, {
      token,
      params,
      json: { id_document_front: await putSample(presigned.data) },
    });
    await registerDocument(created.id);
    await api.call('submitCustomer', 200, { token, params: { customer: created.id } });
    await advanceClock(61);
    const processing = deliveryOf(created.id, 'PROCESSING');
    expect(processing.body.old_status).toBe('PENDING');
    expectValid(processing);
    const verified = deliveryOf(created.id, 'VERIFIED');
    expect(verified.body.old_status).toBe('PROCESSING');
    expect(verified.body.event_id).not.toBe(processing.body.event_id);
    expectValid(verified);
  });
});
