import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockInstance, startMock, type WebhookReceiver } from '../../mock/src/testing.js';
import { deliveryLog, fullToken, individual, submittedBusiness } from '../support/webhook-flow.js';

/** The documented algorithm, written here on its own: lowercase hex HMAC-SHA256 of `${timestamp}.${rawBody}`. */
function documentedSignature(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
}

describe('webhooks through blaaiz-mock/testing', () => {
  let mock: MockInstance;
  let hooks: WebhookReceiver;
  let token: string;

  beforeAll(async () => {
    mock = await startMock({ storageScheme: 'http', minimalKyb: true, reviewDelaySeconds: 60 });
    token = await fullToken(mock);
  });
  afterAll(async () => {
    await hooks?.close();
    await mock.close();
  });
  beforeEach(async () => {
    await hooks?.close();
    await mock.reset();
    token = await fullToken(mock);
    hooks = await mock.webhookReceiver();
  });

  it('delivers a forced verdict, signed as documented, with every documented field', async () => {
    const id = await individual(mock, token, { attach: true });
    await mock.forceReview(id, 'REJECTED', { comment: 'Identity document is expired.' });
    const event = await hooks.next({ customer_id: id });
    expect(event).toMatchObject({
      message: 'Customer verification status updated',
      event_type: 'customer.status_changed',
      customer_id: id,
      old_status: 'PENDING',
      new_status: 'REJECTED',
      comment: 'Identity document is expired.',
      type: 'customer',
    });
    expect(event.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const delivery = hooks.deliveries.at(-1);
    expect(delivery?.headers['content-type']).toBe('application/json');
    const timestamp = delivery?.headers['x-blaaiz-timestamp'] ?? '';
    expect(timestamp).toMatch(/^\d+$/);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(300);
    expect(delivery?.headers['x-blaaiz-signature']).toBe(
      documentedSignature(hooks.signingSecret, timestamp, delivery?.rawBody ?? ''),
    );
    expect(hooks.failures).toEqual([]);
  });

  it('an idle server completes a due review and delivers it (a real timer, no request needed)', async () => {
    const quick = await startMock({ storageScheme: 'http', reviewDelaySeconds: 0.3 });
    const receiver = await quick.webhookReceiver();
    try {
      const id = await individual(quick, await fullToken(quick), { attach: true });
      // Nothing calls the mock from here: the review comes due and is delivered on its own.
      const event = await receiver.next({ customer_id: id }, { timeoutMs: 10_000 });
      expect(event).toMatchObject({ old_status: 'PENDING', new_status: 'VERIFIED', comment: null });
    } finally {
      await receiver.close();
      await quick.close();
    }
  });

  it('retries a refusing receiver on the schedule: fails twice, then 200, three attempts, one event_id', async () => {
    let calls = 0;
    hooks.respondWith(() => (++calls <= 2 ? 500 : 200));
    const id = await individual(mock, token);
    await mock.forceReview(id, 'VERIFIED');
    await mock.advanceClock(0); // the first attempt has been made when this answers
    expect(calls).toBe(1);
    await mock.advanceClock(29);
    expect(calls).toBe(1);
    await mock.advanceClock(1); // +30 s
    expect(calls).toBe(2);
    await mock.advanceClock(120); // +2 min
    expect(calls).toBe(3);
    await mock.advanceClock(3600);
    expect(calls).toBe(3);
    const ids = hooks.deliveries.map((d) => (d.body as { event_id: string }).event_id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    const [logged] = (await deliveryLog(mock)).data.filter((event) => event.customer_id === id);
    expect(logged?.state).toBe('delivered');
    expect(logged?.deliveries.map((d) => d.status)).toEqual([500, 500, 200]);
  });

  it('marks a delivery failed after the last attempt of the schedule (+24 h)', async () => {
    hooks.respondWith(503);
    const id = await individual(mock, token);
    await mock.forceReview(id, 'VERIFIED');
    for (const seconds of [0, 30, 120, 600, 3600, 6 * 3600, 24 * 3600, 48 * 3600])
      await mock.advanceClock(seconds);
    expect(hooks.deliveries).toHaveLength(7);
    const [logged] = (await deliveryLog(mock)).data.filter((event) => event.customer_id === id);
    expect(logged?.state).toBe('failed');
    expect(logged?.next_attempt_at).toBeNull();
  });

  it('business: /submit delivers PROCESSING, a forced rejection delivers REJECTED with its comment', async () => {
    const business = await submittedBusiness(mock, token);
    expect(business.status).toBe('PROCESSING');
    expect(await hooks.next({ customer_id: business.id })).toMatchObject({
      old_status: 'PENDING',
      new_status: 'PROCESSING',
    });
    await mock.forceReview(business.id, 'REJECTED', { comment: 'Certificate is illegible.' });
    expect(await hooks.next({ customer_id: business.id })).toMatchObject({
      old_status: 'PROCESSING',
      new_status: 'REJECTED',
      comment: 'Certificate is illegible.',
    });
  });

  it('replays an event with its event_id, and reports a delivery whose signature does not verify', async () => {
    const id = await individual(mock, token);
    await mock.forceReview(id, 'VERIFIED');
    const first = await hooks.next({ customer_id: id });
    const replay = await fetch(`${mock.baseUrl}/__mock/webhooks/${first.event_id}/replay`, {
      method: 'POST',
    });
    expect(replay.status).toBe(200);
    const again = await hooks.next({ customer_id: id });
    expect(again.event_id).toBe(first.event_id);
    await fetch(hooks.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await expect(hooks.next({ customer_id: 'nobody' }, { timeoutMs: 2_000 })).rejects.toThrow(
      /did not verify/,
    );
  });

  it('chaos: duplicate sends every attempt twice; out of order sends close events newest first', async () => {
    await hooks.close();
    hooks = await mock.webhookReceiver({ duplicate: true, outOfOrder: true });
    const a = await individual(mock, token);
    const b = await individual(mock, token);
    await mock.forceReview(a, 'VERIFIED');
    await mock.forceReview(b, 'REJECTED');
    await mock.advanceClock(5);
    const order = hooks.deliveries.map((d) => (d.body as { customer_id: string }).customer_id);
    expect(order).toEqual([b, b, a, a]);
  });
});
