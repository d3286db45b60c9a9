import type { components } from '../generated/openapi.js';
import type { MockState } from '../store/state.js';
import type { WebhookRegistration } from '../store/webhook-state.js';
import { formatTimestamp } from './clock.js';
import { fail, ok, type Result } from './result.js';

type Schemas = components['schemas'];

/** Messages of the webhook endpoints (api-contract §5; the docs give "Invalid webhook URL format"). */
export const WEBHOOK_MESSAGES = {
  created: 'Webhook record created successfully',
  fetched: 'Webhook record retrieved successfully',
  updated: 'Webhook record updated successfully',
  exists: 'A webhook record already exists for this business; update it instead.',
  notFound: 'Webhook record not found',
  badUrl: 'Invalid webhook URL format',
} as const;

/** Whether a URL is absolute http(s): the live API wants https, the mock takes http for local receivers. */
export function isWebhookUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function urlsProblem(body: Record<string, unknown>): Result<never> | undefined {
  for (const name of ['collection_url', 'payout_url', 'kyc_url'] as const) {
    const value = body[name];
    if (value === undefined || (name === 'kyc_url' && value === null)) continue;
    if (!isWebhookUrl(value)) return fail({ kind: 'bad_request', message: WEBHOOK_MESSAGES.badUrl });
  }
  return undefined;
}

/** What a new registration needs besides the request: its id, secret and time. */
export interface NewWebhook {
  id: string;
  signingSecret: string;
  now: number;
  chaos: WebhookRegistration['chaos'];
}

/** Registers the platform's webhook URLs (operationId `createWebhook`); a second record is refused (400). */
export function createWebhook(
  state: MockState,
  body: Schemas['WebhookRegisterRequest'],
  fresh: NewWebhook,
): Result<WebhookRegistration> {
  if (state.webhook) return fail({ kind: 'bad_request', message: WEBHOOK_MESSAGES.exists });
  const problem = urlsProblem(body);
  if (problem) return problem;
  state.webhook = {
    id: fresh.id,
    collection_url: body.collection_url,
    payout_url: body.payout_url,
    kyc_url: body.kyc_url ?? null,
    signing_secret: fresh.signingSecret,
    chaos: { ...fresh.chaos },
    created_at: fresh.now,
    updated_at: fresh.now,
  };
  return ok(state.webhook);
}

/** The platform's record (operationIds `getWebhook`, `updateWebhook*`); `id`, when given, must name it. */
export function findWebhook(state: MockState, id?: string): Result<WebhookRegistration> {
  const record = state.webhook;
  if (!record || (id !== undefined && id !== record.id))
    return fail({ kind: 'not_found', message: WEBHOOK_MESSAGES.notFound });
  return ok(record);
}

/** Changes the URLs given (operationIds `updateWebhook`, `updateWebhookById`); the secret stays. */
export function updateWebhook(
  state: MockState,
  id: string | undefined,
  body: Schemas['WebhookUpdateRequest'],
  now: number,
): Result<WebhookRegistration> {
  const found = findWebhook(state, id);
  if (!found.ok) return found;
  const problem = urlsProblem(body);
  if (problem) return problem;
  const record = found.value;
  if (body.collection_url !== undefined) record.collection_url = body.collection_url;
  if (body.payout_url !== undefined) record.payout_url = body.payout_url;
  if (body.kyc_url !== undefined) record.kyc_url = body.kyc_url;
  record.updated_at = now;
  return ok(record);
}

/** The record as `GET /api/external/webhook` shows it: no secret. */
export function presentWebhook(record: WebhookRegistration): Schemas['Webhook'] {
  return {
    id: record.id,
    collection_url: record.collection_url,
    payout_url: record.payout_url,
    kyc_url: record.kyc_url,
    created_at: formatTimestamp(record.created_at),
    updated_at: formatTimestamp(record.updated_at),
  };
}
