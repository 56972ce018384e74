/**
 * Webhook deliveries: events are queued and POSTed in the background (never inside the request
 * that caused them), signed, retried with exponential backoff, and counted on the endpoint.
 *
 * - Signature: `Aurous-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256("${t}.${body}")>`,
 *   keyed with the whole secret string (`whsec_…`, as UTF-8), as Stripe does. For
 *   WEBHOOK_ROTATION_OVERLAP_MS after a rotation the old secret signs too: a second `v1=`.
 *   `t` is wall-clock time, not the sandbox clock: receivers compare it with their own clocks.
 * - Retries: after `webhook_retry_base_ms` × 2^(attempt − 1), up to `webhook_max_attempts`
 *   attempts (both in /_sandbox/config). Non-2xx, timeout (`webhook_timeout_ms`, 10 s by
 *   default), refused connection: all failures. Redirects are not followed (a failure too).
 * - Auto-disable (register page): at ≥ 20 consecutive failures with no success in the last 24 h
 *   the endpoint goes inactive and `webhook.endpoint_disabled` goes to the team's other active
 *   endpoints that subscribe to it.
 * - Synthesis settles lazily (synthesis.ts), so an armed timer settles each character whose
 *   team has an active endpoint when its synthesis is due; `kick()` re-arms it after every
 *   request (a clock advance, a new synthesis).
 */
import { createHmac } from 'node:crypto';
import type { Character } from '../../contract/aurous';
import {
  WEBHOOK_DISABLE_AFTER_FAILURES,
  WEBHOOK_DISABLE_QUIET_MS,
  WEBHOOK_SIGNATURE_HEADER,
  type CharacterEventType,
  type WebhookEndpoint,
  type WebhookEvent,
  type WebhookEventType,
} from '../../contract/webhooks';
import type { Sandbox } from '../context';
import { presentCharacter } from '../http/present';
import { newId } from './ids';
import type { CharacterRecord, WebhookEndpointRecord } from './state';
import { settle } from './synthesis';

export interface Webhooks {
  /** Queues `type` for every active endpoint of the team that subscribes to it; returns the event id. */
  emit(teamId: string, type: WebhookEventType, object: (endpoint: WebhookEndpointRecord) => unknown, options?: EmitOptions): string;
  /** A character event (completed, failed, cancelled), carrying the character as GET answers it. */
  character(character: CharacterRecord, type: CharacterEventType): void;
  /** Re-arms the settle timer (after any request). */
  kick(): void;
  /** Drops queued retries and timers (sandbox reset). */
  reset(): void;
}

interface EmitOptions {
  synthetic?: boolean;
  /** Only this endpoint (a test fire). */
  endpointId?: string;
}

export function signatureHeader(secrets: readonly string[], body: string, seconds: number): string {
  const signed = `${seconds}.${body}`;
  return [`t=${seconds}`, ...secrets.map((secret) => `v1=${createHmac('sha256', secret).update(signed).digest('hex')}`)].join(',');
}

/** `whsec_8jK...wxyz`: enough to tell two secrets apart, never enough to use one. */
export const secretPreview = (secret: string): string => `${secret.slice(0, 9)}...${secret.slice(-4)}`;

export function presentEndpoint(sandbox: Sandbox, record: WebhookEndpointRecord, showSecret: boolean): WebhookEndpoint {
  return {
    id: record.id,
    object: 'webhook_endpoint',
    url: record.url,
    events: record.events,
    secret_preview: secretPreview(record.secret),
    secret: showSecret ? record.secret : null,
    is_active: record.isActive,
    consecutive_failures: record.consecutiveFailures,
    last_success_at: record.lastSuccessAt === null ? null : new Date(record.lastSuccessAt).toISOString(),
    last_failure_at: record.lastFailureAt === null ? null : new Date(record.lastFailureAt).toISOString(),
    metadata: record.metadata,
    description: record.description,
    created_at: sandbox.clock.iso(record.createdAt),
    updated_at: sandbox.clock.iso(record.updatedAt),
  };
}

export function createWebhooks(sandbox: Sandbox, onChange: () => void): Webhooks {
  let generation = 0;
  const timers = new Set<NodeJS.Timeout>();
  let settleTimer: { fireAt: number; timer: NodeJS.Timeout } | null = null;

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    timers.add(timer);
  };

  const activeSecrets = (endpoint: WebhookEndpointRecord): string[] => {
    const previous = endpoint.previousSecret;
    return previous && previous.until > Date.now() ? [endpoint.secret, previous.secret] : [endpoint.secret];
  };

  const deliver = (endpointId: string, body: string, attempt: number, started: number) => {
    const endpoint = sandbox.state.webhookEndpoints.get(endpointId);
    if (started !== generation || !endpoint?.isActive) return;
    const { webhook_timeout_ms: timeoutMs, webhook_max_attempts: maxAttempts, webhook_retry_base_ms: baseMs } = sandbox.state.config;
    const seconds = Math.floor(Date.now() / 1000);
    void fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Aurous-Webhooks/1.0 (sandbox)',
        [WEBHOOK_SIGNATURE_HEADER]: signatureHeader(activeSecrets(endpoint), body, seconds),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
      .then(async (response) => {
        await response.body?.cancel().catch(() => undefined);
        return response.status >= 200 && response.status < 300;
      })
      .catch(() => false)
      .then((delivered) => {
        if (started !== generation || sandbox.state.webhookEndpoints.get(endpointId) !== endpoint) return;
        const now = Date.now();
        if (delivered) {
          endpoint.consecutiveFailures = 0;
          endpoint.lastSuccessAt = now;
        } else {
          endpoint.consecutiveFailures += 1;
          endpoint.lastFailureAt = now;
          const quiet = endpoint.lastSuccessAt === null || now - endpoint.lastSuccessAt >= WEBHOOK_DISABLE_QUIET_MS;
          if (endpoint.consecutiveFailures >= WEBHOOK_DISABLE_AFTER_FAILURES && quiet) {
            endpoint.isActive = false;
            endpoint.updatedAt = sandbox.clock.now();
            webhooks.emit(endpoint.teamId, 'webhook.endpoint_disabled', () => presentEndpoint(sandbox, endpoint, false));
          } else if (attempt < maxAttempts) {
            later(baseMs * 2 ** (attempt - 1), () => deliver(endpointId, body, attempt + 1, started));
          }
        }
        onChange();
      });
  };

  const settleDue = () => {
    settleTimer = null;
    const now = sandbox.clock.now();
    for (const character of sandbox.state.characters.values()) {
      if (character.pending && character.status === 'synthesizing' && character.pending.settlesAt <= now) settle(sandbox, character);
    }
    onChange();
    webhooks.kick();
  };

  const webhooks: Webhooks = {
    emit(teamId, type, object, options = {}) {
      const eventId = newId('evt');
      for (const endpoint of sandbox.state.webhookEndpoints.values()) {
        if (endpoint.teamId !== teamId || !endpoint.isActive) continue;
        if (options.endpointId ? endpoint.id !== options.endpointId : !endpoint.events.includes(type)) continue;
        // The envelope is not documented: Stripe-like, our assumption (contract/webhooks.ts).
        const event: WebhookEvent = {
          id: eventId,
          object: 'event',
          type,
          created_at: sandbox.clock.iso(),
          ...(options.synthetic ? { synthetic: true } : {}),
          data: { object: object(endpoint) },
        };
        const body = JSON.stringify(event);
        const started = generation;
        // Never inside the request that caused it.
        later(0, () => deliver(endpoint.id, body, 1, started));
      }
      return eventId;
    },
    character(character, type) {
      webhooks.emit(character.teamId, type, (endpoint): Character => presentCharacter(sandbox, endpoint.apiOrigin, character));
    },
    kick() {
      const watched = new Set<string>();
      for (const endpoint of sandbox.state.webhookEndpoints.values()) if (endpoint.isActive) watched.add(endpoint.teamId);
      let next: number | null = null;
      for (const character of sandbox.state.characters.values()) {
        if (!character.pending || character.status !== 'synthesizing' || !watched.has(character.teamId)) continue;
        next = next === null ? character.pending.settlesAt : Math.min(next, character.pending.settlesAt);
      }
      if (next === null) return;
      // In real time: a clock advance makes a later-armed synthesis due at once.
      const delay = Math.max(0, next - sandbox.clock.now());
      const fireAt = Date.now() + delay;
      if (settleTimer && settleTimer.fireAt <= fireAt) return;
      if (settleTimer) clearTimeout(settleTimer.timer);
      const timer = setTimeout(settleDue, delay);
      timer.unref();
      settleTimer = { fireAt, timer };
    },
    reset() {
      generation += 1;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (settleTimer) clearTimeout(settleTimer.timer);
      settleTimer = null;
    },
  };
  return webhooks;
}
