/**
 * Example: your client's own test suite, run against blaaiz-mock in CI.
 *
 * `global-setup.ts` (beside this file) starts one mock for the whole run and hands its URLs and
 * credentials to the tests; this file resets it before every test and drives your upload code.
 * In your project, import from the package instead of the relative path below:
 *   import { mockControls } from 'blaaiz-mock/testing';
 * The mock is shared by every file of the run: if several of your files reset it, either run them
 * in sequence (`fileParallelism: false`) or call `startMock()` in a `beforeAll` of each file instead.
 */
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { mockControls } from '../../mock/src/testing.js';

// ── The client under test. In your project this is your own code; it is here so the example runs. ──
// It knows nothing about the mock: a base URL, client credentials, fetch. It trusts the mock's CA
// because global-setup.ts put NODE_EXTRA_CA_CERTS in the environment the test workers start with.
type Answer = { message: string; data: { id: string; verification_status: string } & unknown[] };
type Presigned = { file_id: string; url: string };

function kycClient(baseUrl: string, clientId: string, clientSecret: string) {
  let token: Promise<string> | undefined;
  const form = { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret };
  const getToken = async () => {
    const body = new URLSearchParams({ ...form, scope: 'customer:read customer:write file:upload' });
    const answer = await fetch(`${baseUrl}/oauth/token`, { method: 'POST', body });
    return ((await answer.json()) as { access_token: string }).access_token;
  };
  async function call<T = Answer>(method: string, path: string, body?: unknown): Promise<T> {
    token ??= getToken();
    const answer = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${await token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await answer.json()) as T & { message: string };
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${json.message}`);
    return json;
  }
  return {
    async createCustomer(email: string): Promise<string> {
      const person = { first_name: 'Ada', last_name: 'Obi', id_type: 'passport', id_number: 'A1234567' };
      const body = { type: 'individual', email, country: 'NG', ...person };
      return (await call('POST', '/api/external/customer', body)).data.id;
    },
    /** Presign, PUT the bytes (no ETag back means the store did not take them), attach as identity. */
    async uploadPassport(customerId: string, pdf: Blob): Promise<void> {
      const body = { customer_id: customerId, file_category: 'identity' };
      const presigned = await call<Presigned>('POST', '/api/external/file/get-presigned-url', body);
      const put = await fetch(presigned.url, { method: 'PUT', body: pdf });
      if (!put.ok || !put.headers.get('etag')) throw new Error(`upload failed: ${put.status}`);
      await call('POST', `/api/external/customer/${customerId}/files`, { id_file: presigned.file_id });
    },
    async status(customerId: string): Promise<string> {
      return (await call('GET', `/api/external/customer/${customerId}`)).data.verification_status;
    },
    async countCustomers(): Promise<number> {
      return (await call('GET', '/api/external/customer')).data.length;
    },
  };
}

// ── The tests. ──
const mock = inject('blaaizMock'); // what global-setup.ts provided (jest: read process.env instead)
const controls = mockControls(mock.baseUrl); // reset / advanceClock / forceReview from any test file
const client = kycClient(mock.baseUrl, mock.credentials.clientId, mock.credentials.clientSecret);
const passport = new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' });

beforeEach(() => controls.reset()); // every test starts from the seed, with the clock back at now

describe('our KYC upload, against blaaiz-mock', () => {
  it('uploads a passport and sees the customer VERIFIED once the review is done', async () => {
    const customerId = await client.createCustomer('ada@example.com');
    await client.uploadPassport(customerId, passport);
    expect(await client.status(customerId)).toBe('PENDING'); // individuals stay PENDING while reviewed
    await controls.advanceClock(60); // the mock's review takes 60 virtual seconds
    expect(await client.status(customerId)).toBe('VERIFIED');
  });

  it('lets a rejected customer upload again', async () => {
    const customerId = await client.createCustomer('ada+retry@example.com');
    await client.uploadPassport(customerId, passport);
    await controls.forceReview(customerId, 'REJECTED');
    expect(await client.status(customerId)).toBe('REJECTED');
    await client.uploadPassport(customerId, passport);
    expect(await client.status(customerId)).toBe('REJECTED'); // until the new review completes
  });

  it('reset() brings back the seed: only the two demo customers remain', async () => {
    await client.createCustomer('someone@example.com');
    await controls.reset();
    expect(await client.countCustomers()).toBe(2);
  });

  it('reads the base URL from the environment too, as jest suites do', () => {
    expect(process.env.BLAAIZ_MOCK_URL).toBe(mock.baseUrl);
  });
});
