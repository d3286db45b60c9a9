import { describe, expect, it } from 'vitest';
import { claimDueAttempts } from '../core/webhook-delivery.js';
import { makeTestMock } from '../test-kit.js';
import { decodeState, encodeState, STATE_FORMAT_VERSION } from './state-codec.js';

describe('state codec: round trip with a webhook record, events, attempts and leases', () => {
  it('decodes what it encodes, unchanged, through JSON', async () => {
    const mock = await makeTestMock();
    const token = await mock.token();
    await mock.call('POST', '/api/external/webhook', {
      token,
      body: { collection_url: 'http://127.0.0.1:9/h', payout_url: 'http://127.0.0.1:9/p' },
    });
    const id = await mock.createIndividual(token);
    await mock.call('POST', `/__mock/customers/${id}/review`, {
      body: { outcome: 'REJECTED', comment: 'No.' },
    });
    const encoded = await mock.read((state, now) => {
      claimDueAttempts(state, now, { owner: 'x', leaseMs: 1000, realNow: now, newId: () => 'evt-1' });
      return JSON.parse(JSON.stringify(encodeState(state)));
    });
    expect(encoded.version).toBe(STATE_FORMAT_VERSION);
    expect(encoded.webhook.collection_url).toBe('http://127.0.0.1:9/h');
    const [event] = encoded.webhookEvents;
    expect(event).toMatchObject({ event_id: 'evt-1', state: 'pending', lease: { owner: 'x' } });
    expect(event.payload).toMatchObject({ customer_id: id, new_status: 'REJECTED', comment: 'No.' });
    const decoded = decodeState(encoded);
    expect(JSON.parse(JSON.stringify(encodeState(decoded)))).toEqual(encoded);
    expect(decoded.webhook?.signing_secret).toMatch(/^[0-9a-f]{40}$/);
  });

  it('refuses the previous format version', () => {
    expect(() => decodeState({ version: 1 })).toThrow(/version 1 is not supported/);
  });
});
