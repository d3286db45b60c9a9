/** The mock's own controls under `/__mock/*` (README "Mock controls"): not Blaaiz API, so not judged by the spec. */
import { forgetTokens, target } from './suite.js';
import { sendWire } from './transport.js';

async function control(method: string, path: string, json?: unknown): Promise<unknown> {
  const response = await sendWire({
    method,
    url: `${target.directUrl}${path}`,
    ca: target.caPem ?? undefined,
    headers: json === undefined ? {} : { 'content-type': 'application/json' },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  if (response.status !== 200) {
    throw new Error(`mock control ${method} ${path} answered ${response.status}: ${response.text}`);
  }
  return JSON.parse(response.text) as unknown;
}

/** Whether this run may use the controls (the target answered `GET /__mock/state`). */
export const hasMockControls = target.mockControls;

/** Moves the mock's virtual clock; cached tokens are dropped, since their lifetime moved with it. */
export async function advanceClock(seconds: number): Promise<void> {
  await control('POST', '/__mock/clock/advance', { seconds });
  forgetTokens();
}

/** Puts the mock back to its seed (customers, uploads, clock). */
export async function resetMock(): Promise<void> {
  await control('POST', '/__mock/reset');
  forgetTokens();
}

/** Completes a customer's review now with the given outcome. */
export async function forceReview(customerId: string, outcome: 'VERIFIED' | 'REJECTED'): Promise<void> {
  await control('POST', `/__mock/customers/${encodeURIComponent(customerId)}/review`, { outcome });
}

/** The mock's client ids, from `GET /__mock/state`. */
export async function mockClientIds(): Promise<string[]> {
  const state = (await control('GET', '/__mock/state')) as { clients?: { client_id: string }[] };
  return (state.clients ?? []).map((client) => client.client_id);
}
