import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../mock/src/demo-data.js';
import { type MockInstance, startMock } from '../../mock/src/testing.js';
import { expectedEtag, SELFIE_PNG } from '../support/sample-files.js';
import { callApi, requestToken } from '../support/sdk-client.js';
import { launchChromium } from './chromium.js';

/** Kept after the run (git-ignored): what the inspector looked like. */
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

let mock: MockInstance;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;

beforeAll(async () => {
  mock = await startMock();
  browser = await launchChromium();
  // The object store's certificate chains to the mock's local CA, which this fresh profile does not trust.
  context = await browser.newContext({ ignoreHTTPSErrors: true });
  page = await context.newPage();
  const { clientId, clientSecret, scope } = mock.credentials;
  token = (await requestToken(mock.baseUrl, clientId, clientSecret, scope)).json.access_token;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

const customerPath = `/api/external/customer/${DEMO_IDS.individual}`;
const card = () => page.locator(`[data-customer-id="${DEMO_IDS.individual}"]`);

describe('in Chromium: direct upload, inspector, forced rejection', { timeout: 60_000 }, () => {
  it('the upload page presigns, PUTs the file cross-origin (preflight, ETag exposed) and attaches it', async () => {
    await page.goto(`${mock.baseUrl}/__mock/ui/upload?customer=${DEMO_IDS.individual}`);
    await page.selectOption('select[name=category]', 'identity');
    await page.setInputFiles('input[name=file]', {
      name: 'selfie.png',
      mimeType: 'image/png',
      buffer: SELFIE_PNG,
    });
    await page.click('button[type=submit]');
    const done = page.locator('#upload-log li[data-step=attached], #upload-log li[data-step=error]');
    await done.first().waitFor();
    expect(await page.locator('#upload-log').textContent()).toContain(`ETag ${expectedEtag(SELFIE_PNG)}`);
    expect(await done.first().getAttribute('data-step')).toBe('attached');
    const customer = await callApi<{ data: { verification_status: string } }>(
      mock.baseUrl,
      'GET',
      customerPath,
      { token },
    );
    // api-contract §4: an individual stays PENDING while its review runs (never PROCESSING).
    expect(customer.json.data.verification_status).toBe('PENDING');

    const [preflight] = (await mock.requests()).filter((e) => e.face === 'storage' && e.method === 'OPTIONS');
    expect(preflight?.request.headers['access-control-request-method']).toBe('PUT');
    expect(preflight?.request.headers['access-control-request-headers']).toMatch(/content-type/);
    expect(preflight?.request.headers['access-control-request-headers']).toMatch(/x-amz-acl/);
    expect(preflight?.request.headers.origin).toBe(mock.baseUrl);
    const [put] = await mock.requests({ operationId: 'putObject' });
    expect(put?.request.headers.origin).toBe(mock.baseUrl);
    expect(put?.request.body).toEqual({
      size: SELFIE_PNG.byteLength,
      md5: expectedEtag(SELFIE_PNG).slice(1, -1),
    });
    expect(put?.response.headers['access-control-expose-headers']).toMatch(/ETag/);
  });

  it('the inspector shows what the API says, and a screenshot is kept', async () => {
    await page.goto(`${mock.baseUrl}/__mock/ui`);
    const api = await callApi<{ data: { verification_status: string } }>(mock.baseUrl, 'GET', customerPath, {
      token,
    });
    expect(await card().locator('h3 .status').textContent()).toBe(api.json.data.verification_status);
    const row = card().locator('tr', { hasText: 'id_file' });
    expect(await row.textContent()).toContain(`${SELFIE_PNG.byteLength} B`);
    expect(await row.textContent()).toContain('image/png');
    expect(await row.textContent()).toContain('attached');
    expect(await page.locator('#journal').textContent()).toContain('putObject');
    await mkdir(ARTIFACTS, { recursive: true });
    const shot = `${ARTIFACTS}inspector.png`;
    await page.screenshot({ path: shot, fullPage: true });
    expect((await readFile(shot)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('a rejection forced from the page reaches the API, comment included', async () => {
    await page.goto(`${mock.baseUrl}/__mock/ui`);
    await card().locator('select[name=outcome]').selectOption('REJECTED');
    await card().locator('input[name=comment]').fill('Selfie does not match the passport');
    await Promise.all([page.waitForURL(/notice=/), card().locator('button[type=submit]').click()]);
    expect(await page.locator('[role=status]').textContent()).toContain('REJECTED');
    expect(await card().locator('h3 .status').textContent()).toBe('REJECTED');
    const api = await callApi<{ data: { verification_status: string } }>(mock.baseUrl, 'GET', customerPath, {
      token,
    });
    expect(api.json.data.verification_status).toBe('REJECTED');
    expect(api.text).toContain('Selfie does not match the passport');
  });

  it('a form posted from another origin (the object store) is refused and changes nothing', async () => {
    await page.goto(`${mock.baseUrl}/__mock/ui`);
    const before = (await page.locator('#virtual-now').textContent()) ?? '';
    await page.goto(`${mock.storageUrl}/not-a-key`);
    await Promise.all([
      page.waitForURL(`${mock.baseUrl}/__mock/ui/clock/advance`),
      // Runs in the page; the store's 404 is an XML document, where XHTML elements still make a real form.
      page.evaluate(`(() => {
        const xhtml = 'http://www.w3.org/1999/xhtml';
        const form = document.createElementNS(xhtml, 'form');
        form.method = 'POST';
        form.action = '${mock.baseUrl}/__mock/ui/clock/advance';
        const field = document.createElementNS(xhtml, 'input');
        field.name = 'seconds';
        field.value = '86400';
        form.append(field);
        document.documentElement.append(form);
        form.submit();
      })()`),
    ]);
    expect(await page.content()).toContain('refuse cross-origin requests');
    await page.goto(`${mock.baseUrl}/__mock/ui`);
    const after = (await page.locator('#virtual-now').textContent()) ?? '';
    expect(Date.parse(after) - Date.parse(before)).toBeLessThan(3_600_000);
  });
});
