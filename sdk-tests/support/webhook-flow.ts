/** Steps the webhook tests share: a token, an individual whose review runs, a submitted minimal business. */
import { randomUUID } from 'node:crypto';
import type { MockInstance } from '../../mock/src/testing.js';
import { newIndividual, PASSPORT_PDF } from './sample-files.js';
import { callApi, requestPresign, requestToken } from './sdk-client.js';

/** A token of the instance's all-scope client. */
export async function fullToken(mock: MockInstance): Promise<string> {
  const { clientId, clientSecret, scope } = mock.credentials;
  const answer = await requestToken(mock.baseUrl, clientId, clientSecret, scope);
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${answer.text}`);
  return answer.json.access_token;
}

async function put(url: string, bytes: Uint8Array): Promise<void> {
  const response = await fetch(url, { method: 'PUT', body: bytes });
  if (response.status !== 200) throw new Error(`PUT ${url}: ${response.status}`);
}

/** Creates an individual; with `attach`, uploads and attaches its `id_file` (which starts its review). */
export async function individual(
  mock: MockInstance,
  token: string,
  options: { email?: string; attach?: boolean } = {},
) {
  const created = await callApi<{ data: { id: string } }>(
    mock.baseUrl,
    'POST',
    '/api/external/customer',
    { token },
    {
      ...newIndividual(),
      ...(options.email ? { email: options.email } : {}),
    },
  );
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  const id = created.json.data.id;
  if (options.attach) {
    const presign = await requestPresign(mock.baseUrl, { token }, id, 'identity');
    await put(presign.json.url, PASSPORT_PDF);
    const attached = await callApi(
      mock.baseUrl,
      'POST',
      `/api/external/customer/${id}/files`,
      { token },
      {
        id_file: presign.json.file_id,
      },
    );
    if (attached.status !== 200) throw new Error(`attach: ${attached.status} ${attached.text}`);
  }
  return id;
}

/** Creates a MINIMAL business with a formation document and submits it (needs `minimalKyb`). */
export async function submittedBusiness(mock: MockInstance, token: string) {
  const created = await callApi<{ data: { id: string } }>(
    mock.baseUrl,
    'POST',
    '/api/external/customer',
    { token },
    {
      type: 'business',
      business_name: 'Webhook Test Ltd',
      email: `kyb-${randomUUID().slice(0, 8)}@example.com`,
      country: 'GB',
      registration_number: `RC${randomUUID().slice(0, 8)}`,
      incorporation_country: 'GB',
      kyb_scope: 'MINIMAL',
    },
  );
  if (created.status !== 201) throw new Error(`create business: ${created.status} ${created.text}`);
  const id = created.json.data.id;
  const presign = await callApi<{ data: { url: string; file_id: string } }>(
    mock.baseUrl,
    'POST',
    `/api/external/customer/${id}/document/presigned-url`,
    { token },
  );
  await put(presign.json.data.url, PASSPORT_PDF);
  const document = await callApi(
    mock.baseUrl,
    'POST',
    `/api/external/customer/${id}/document`,
    { token },
    {
      type: 'CERTIFICATE_OF_INCORPORATION',
      name: 'Certificate.pdf',
      file_id: presign.json.data.file_id,
    },
  );
  if (document.status !== 201) throw new Error(`document: ${document.status} ${document.text}`);
  const submitted = await callApi<{ data: { verification_status: string } }>(
    mock.baseUrl,
    'POST',
    `/api/external/customer/${id}/submit`,
    { token },
  );
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${submitted.text}`);
  return { id, status: submitted.json.data.verification_status };
}

/** The delivery log of the instance (`GET /__mock/webhooks`). */
export async function deliveryLog(mock: MockInstance) {
  const response = await fetch(`${mock.baseUrl}/__mock/webhooks`);
  return (await response.json()) as {
    data: Array<{
      event_id: string;
      customer_id: string;
      new_status: string;
      state: string;
      next_attempt_at: string | null;
      deliveries: Array<{ attempt: number; status: number | null; error: string | null; replay: boolean }>;
    }>;
  };
}
