import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { makeTestMock } from '../test-kit.js';

const OWN = 'http://127.0.0.1:4010';
const form = (fields: Record<string, string>, headers: Record<string, string> = { origin: OWN }) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
});

/** The notice or error a redirect back to the inspector carries. */
const banner = (res: { headers: Headers }) =>
  Object.fromEntries(new URL(res.headers.get('location') ?? '', 'http://x').searchParams);

describe('inspector page', () => {
  it('renders the state as HTML without scripts, agreeing with the API', async () => {
    const mock = await makeTestMock();
    const token = await mock.token();
    await mock.upload(token, DEMO_IDS.individual, 'identity');
    const page = await mock.call('GET', '/__mock/ui');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).not.toContain('<script');
    const api = await mock.call('GET', `/api/external/customer/${DEMO_IDS.business}`, { token });
    const card = page.text.split(`data-customer-id="${DEMO_IDS.business}"`)[1]?.split('</section>')[0] ?? '';
    expect(card).toContain(`status-${api.json.data.verification_status}`);
    for (const owner of api.json.data.owners) expect(card).toContain(`data-owner-id="${owner.id}"`);
    expect(page.text).toContain('uploaded, not attached');
    expect(page.text).toContain('mock-client'); // clients and the live token the journal saw
    expect(page.text).toMatch(/<table id="tokens">[\s\S]*mock-client/);
    expect(page.text).toContain('/api/external/file/get-presigned-url');
    expect(page.text).toContain('<h2>Webhook events</h2>');
  });

  it('refuses actions that are not same-origin form posts', async () => {
    const mock = await makeTestMock();
    const cases = [
      form({ seconds: '60' }, {}),
      form({ seconds: '60' }, { origin: 'http://evil.example' }),
      form({ seconds: '60' }, { origin: OWN, 'sec-fetch-site': 'cross-site' }),
      form({ seconds: '60' }, { origin: 'http://rebound.example:4010', 'sec-fetch-site': 'same-origin' }),
    ];
    for (const options of cases) {
      const res = await mock.call('POST', '/__mock/ui/clock/advance', options);
      expect(res.status).toBe(403);
      expect(res.json.message).toMatch(/same origin|cross-origin/);
    }
    const json = await mock.call('POST', '/__mock/ui/clock/advance', {
      body: { seconds: 60 },
      headers: { origin: OWN },
    });
    expect(json.status).toBe(415);
    expect(await mock.read((state) => state.clockOffsetMs)).toBe(0);
  });

  it('advances the clock, forces a review and resets through forms, answering 303 back to the page', async () => {
    const mock = await makeTestMock();
    const advanced = await mock.call(
      'POST',
      '/__mock/ui/clock/advance',
      form({ seconds: '90' }, { 'sec-fetch-site': 'same-origin' }),
    );
    expect(advanced.status).toBe(303);
    expect(advanced.headers.get('location')).toMatch(/^\/__mock\/ui\?notice=Clock\+advanced/);
    expect(await mock.read((state) => state.clockOffsetMs)).toBe(90_000);
    const bad = await mock.call('POST', '/__mock/ui/clock/advance', form({ seconds: '-1' }));
    expect(banner(bad).error).toMatch(/^The seconds field/);
    const token = await mock.token();
    const { fileId } = await mock.upload(token, DEMO_IDS.individual, 'identity');
    await mock.call('POST', `/api/external/customer/${DEMO_IDS.individual}/files`, {
      token,
      body: { id_file: fileId },
    });
    const review = await mock.call(
      'POST',
      `/__mock/ui/customers/${DEMO_IDS.individual}/review`,
      form({ outcome: 'REJECTED', comment: 'Blurry passport' }),
    );
    expect(review.status).toBe(303);
    const customer = await mock.call('GET', `/api/external/customer/${DEMO_IDS.individual}`, { token });
    expect(customer.json.data.verification_status).toBe('REJECTED');
    const reset = await mock.call('POST', '/__mock/ui/reset', form({}));
    expect(reset.status).toBe(303);
    expect(await mock.read((state) => [state.clockOffsetMs, state.files.size])).toEqual([0, 0]);
    const refused = await mock.call(
      'POST',
      '/__mock/ui/customers/nope/review',
      form({ outcome: 'VERIFIED' }),
    );
    expect(banner(refused).error).toMatch(/customer/i);
  });

  it('lists webhook events with their attempts and replays one through the JSON control', async () => {
    const sent: string[] = [];
    const mock = await makeTestMock({
      fetch: async (url) => {
        sent.push(url);
        return new Response('ok');
      },
    });
    const missing = await mock.call('POST', '/__mock/ui/webhooks/nope/replay', form({}));
    expect(banner(missing).error).toMatch(/event/i);
    const hook = 'http://127.0.0.1:9/hooks';
    expect(
      (await mock.call('POST', '/__mock/webhooks/register', { body: { collection_url: hook } })).status,
    ).toBe(200);
    await mock.call('POST', `/__mock/customers/${DEMO_IDS.individual}/review`, {
      body: { outcome: 'REJECTED' },
    });
    await mock.call('POST', '/__mock/clock/advance', { body: { seconds: 0 } });
    const eventId = await mock.read((state) => state.webhookEvents.at(-1)?.event_id ?? '');
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    const page = await mock.call('GET', '/__mock/ui');
    expect(page.text).toContain(eventId);
    const before = sent.length;
    const res = await mock.call('POST', `/__mock/ui/webhooks/${eventId}/replay`, form({}));
    expect(res.status).toBe(303);
    expect(banner(res).error).toBeUndefined();
    expect(sent.length).toBeGreaterThan(before);
    expect(sent.at(-1)).toBe(hook);
  });

  it('serves the direct-upload page with a token for the page and the individual customers', async () => {
    const mock = await makeTestMock();
    const page = await mock.call('GET', `/__mock/ui/upload?customer=${DEMO_IDS.individual}`);
    expect(page.status).toBe(200);
    const token = /data-token="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const check = mock.deps.tokens.verify(token, mock.deps.clock.now());
    expect(check.ok && check.claims.scopes).toEqual(['file:upload', 'customer:write', 'customer:read']);
    expect(page.text).toContain(`value="${DEMO_IDS.individual}" selected`);
    expect(page.text).not.toContain(DEMO_IDS.business);
    expect(page.text).toContain('<noscript>');
  });
});
