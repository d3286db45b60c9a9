import { describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../demo-data.js';
import { makeTestMock } from '../test-kit.js';
import { inspectorRoutes } from './inspector.js';

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
    expect(page.text).toContain('has no webhook delivery');
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
      expect(res.json.message).toMatch(/same origin/);
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

  it('replays a webhook only where the mock has a replay route, forwarding to it', async () => {
    const mock = await makeTestMock();
    const none = await mock.call('POST', '/__mock/ui/webhooks/1/replay', form({}));
    expect(banner(none).error).toMatch(/no webhook delivery/);
    const forwarded: string[] = [];
    const ui = inspectorRoutes(mock.deps, {
      hasRoute: () => true,
      fetch: async (request) => {
        forwarded.push(`${request.method} ${new URL(request.url).pathname}`);
        return Response.json({ message: 'Delivery 7 queued again.' });
      },
    });
    const res = await ui.request('/__mock/ui/webhooks/7/replay', {
      method: 'POST',
      ...{ body: '', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: OWN } },
    });
    expect(res.status).toBe(303);
    expect(forwarded).toEqual(['POST /__mock/webhooks/7/replay']);
    expect(banner(res).notice).toBe('Delivery 7 queued again.');
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
