import { describe, expect, it } from 'vitest';
import { makeTestMock } from '../test-kit.js';

describe('webhook dispatcher: never blocks the API', () => {
  it('answers requests while a delivery is still waiting for the receiver, then records it', async () => {
    let release: (response: Response) => void = () => undefined;
    const sent: string[] = [];
    const fetch = (url: string) => {
      sent.push(url);
      return new Promise<Response>((resolve) => (release = resolve));
    };
    const mock = await makeTestMock({ fetch });
    const token = await mock.token();
    await mock.call('POST', '/api/external/webhook', {
      token,
      body: { collection_url: 'http://127.0.0.1:9/hooks', payout_url: 'http://127.0.0.1:9/hooks' },
    });
    const id = await mock.createIndividual(token);
    const forced = await mock.call('POST', `/__mock/customers/${id}/review`, {
      body: { outcome: 'VERIFIED' },
    });
    expect(forced.status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual(['http://127.0.0.1:9/hooks']);
    // The receiver has not answered: the API still does.
    expect((await mock.call('GET', `/api/external/customer/${id}`, { token })).status).toBe(200);
    const state = () => mock.read((s) => s.webhookEvents[0]?.state);
    expect(await state()).toBe('pending');
    release(new Response('ok', { status: 200 }));
    await mock.deps.webhooks.drain();
    expect(await state()).toBe('delivered');
  });
});
