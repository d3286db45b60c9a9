import type { components } from '../generated/openapi.js';

/** The `customer.status_changed` payload (generated from the spec's `webhooks:` entry). */
export type StatusChangedPayload = components['schemas']['CustomerStatusChangedEvent'];

/** Receiver chaos for idempotency tests: every attempt sent twice, or events held and sent newest first. */
export interface WebhookChaos {
  duplicate: boolean;
  out_of_order: boolean;
}

/** The platform's webhook record (`POST /api/external/webhook`); one per platform. */
export interface WebhookRegistration {
  id: string;
  collection_url: string;
  payout_url: string;
  kyc_url: string | null;
  /** Key of the `x-blaaiz-signature` HMAC; shown to the client only when the record is created. */
  signing_secret: string;
  chaos: WebhookChaos;
  /** Virtual times, in milliseconds. */
  created_at: number;
  updated_at: number;
}

/** One HTTP attempt of a delivery, as the delivery log shows it. */
export interface DeliveryAttempt {
  /** 1 for the first attempt, counting replays. */
  attempt: number;
  /** Virtual time the attempt was made, in milliseconds. */
  at: number;
  url: string;
  /** HTTP status of the receiver's answer, or null when there was none (`error` says why). */
  status: number | null;
  error: string | null;
  latency_ms: number;
  /** Sent by `POST /__mock/webhooks/{event_id}/replay`, outside the retry schedule. */
  replay: boolean;
  /** How many copies were sent (2 with the `duplicate` chaos). */
  copies: number;
}

/** Who is sending an attempt now, and until when (real time): one instance sends each attempt. */
export interface DeliveryLease {
  owner: string;
  until: number;
}

/**
 * A `customer.status_changed` event and its delivery: `pending` until a 2xx, `failed` once the retry
 * schedule is spent, `unregistered` when no webhook was registered as it happened.
 */
export interface WebhookEvent {
  event_id: string;
  /** The outbox sequence number it came from. */
  seq: number;
  customer_id: string;
  payload: StatusChangedPayload;
  /** Virtual time of the transition, in milliseconds. */
  created_at: number;
  state: 'pending' | 'delivered' | 'failed' | 'unregistered';
  attempts: DeliveryAttempt[];
  /** Virtual time the next scheduled attempt is due, or null when none is. */
  next_attempt_at: number | null;
  replay_requested: boolean;
  lease: DeliveryLease | null;
}
