/**
 * Webhook endpoints and deliveries (webhooks.md, register-a-webhook-endpoint.md,
 * get-a-webhook-endpoint.md, rotate-the-signing-secret.md, fire-a-synthetic-test-delivery.md).
 * Bodies are zod schemas, responses plain types; imported by the sandbox, the console server and
 * tests, never by the browser (the console never lets a browser near webhook endpoints).
 */
import { z } from 'zod';
import type { Character } from './aurous';

/** Delivery header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "${t}.${raw_body}">` (more than one v1= during a rotation). */
export const WEBHOOK_SIGNATURE_HEADER = 'Aurous-Webhook-Signature';
/** The receiver must answer 2xx within this long, or the delivery counts as failed (webhooks.md). */
export const WEBHOOK_ACK_TIMEOUT_MS = 10_000;
/**
 * After a rotation the old secret keeps signing (a second v1=) for this long, so receivers that
 * have not stored the new secret yet keep verifying. Not documented: our choice, matching the
 * 24 h grace window the API gives a rotated API key (authentication.md).
 */
export const WEBHOOK_ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** Auto-disable: this many consecutive failures with no success in the last 24 h (register page). */
export const WEBHOOK_DISABLE_AFTER_FAILURES = 20;
export const WEBHOOK_DISABLE_QUIET_MS = 24 * 60 * 60 * 1000;

/** The v1.0 taxonomy (fire-a-synthetic-test-delivery.md). */
export const WEBHOOK_V1_EVENTS = [
  'image.completed',
  'image.failed',
  'image.cancelled',
  'video.completed',
  'video.failed',
  'video.cancelled',
  'usage.balance_low',
  'webhook.endpoint_disabled',
] as const;
/** Added by the 2026-06-19 changelog. */
export const CHARACTER_EVENTS = ['character.completed', 'character.failed', 'character.cancelled'] as const;
export type CharacterEventType = (typeof CHARACTER_EVENTS)[number];
export const WEBHOOK_EVENTS = [...WEBHOOK_V1_EVENTS, ...CHARACTER_EVENTS] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

const metadata = z
  .record(z.string(), z.string().max(500))
  .refine((value) => Object.keys(value).length <= 50, { message: 'metadata takes at most 50 keys.' });

/** POST /v1/webhook_endpoints. `["*"]` expands, at create time, to every event type the API knows. */
export const createWebhookEndpointBody = z.strictObject({
  url: z.string().min(1).max(2048),
  events: z.union([z.tuple([z.literal('*')]), z.array(z.enum(WEBHOOK_EVENTS)).min(1)]),
  description: z.string().max(500).optional(),
  metadata: metadata.optional(),
});
export type CreateWebhookEndpointBody = z.infer<typeof createWebhookEndpointBody>;

/** POST /v1/webhook_endpoints/{id}/test. The docs list the v1.0 types; character types are accepted too. */
export const webhookTestBody = z.strictObject({
  event_type: z.enum(WEBHOOK_EVENTS),
});
export type WebhookTestBody = z.infer<typeof webhookTestBody>;

export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  events: WebhookEventType[];
  /** `whsec_` + the first 3 and last 4 characters of the active secret. */
  secret_preview: string;
  /** The plaintext secret on create and rotate_secret answers only; null on every other read. */
  secret: string | null;
  is_active: boolean;
  consecutive_failures: number;
  last_success_at: string | null;
  last_failure_at: string | null;
  metadata: Record<string, string>;
  description: string | null;
  created_at: string;
  updated_at: string;
}

/** DELETE /v1/webhook_endpoints/{id}: always 200; `deleted` says whether anything was there. */
export interface DeletedWebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  deleted: boolean;
}

export interface WebhookTestFire {
  object: 'webhook_test_fire';
  endpoint_id: string;
  event_id: string;
  enqueued: boolean;
}

/**
 * What a delivery's body is. The docs do not print the envelope: this Stripe-like shape is OUR
 * ASSUMPTION (the sandbox sends it, the console's receiver reads it). Character events carry the
 * character as GET /v1/characters/{id} answers it, `client_reference_id` included.
 */
export interface WebhookEvent<T = unknown> {
  id: string;
  object: 'event';
  type: WebhookEventType;
  created_at: string;
  /** True on deliveries fired by POST /v1/webhook_endpoints/{id}/test. */
  synthetic?: boolean;
  data: { object: T };
}
export type CharacterWebhookEvent = WebhookEvent<Character> & { type: CharacterEventType };

export const isCharacterEventType = (type: unknown): type is CharacterEventType =>
  typeof type === 'string' && (CHARACTER_EVENTS as readonly string[]).includes(type);
