/**
 * `POST /api/webhooks/aurous`: where the API delivers events. Authenticated by its signature alone
 * (no sign-in, no cookie): checked against the stored secret in constant time, its timestamp
 * within 5 minutes of our clock, its event id remembered in `webhook_event` so a replay or a retry
 * changes nothing twice (every copy shares the table). A character event's character goes into
 * the index with `indexAnswers`, exactly as an API answer would. Answers 2xx as soon as that is
 * written; 400 (and nothing changed) for a bad signature, an old timestamp or a malformed body.
 *
 * The edge guards need no exemption: the API's deliveries carry no Origin or Sec-Fetch-Site (not
 * a browser) and are JSON; the Host is CONSOLE_PUBLIC_URL's (or loopback for the sandbox).
 */
import type { Context } from 'hono';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { WEBHOOK_SIGNATURE_HEADER, isCharacterEventType } from '../../contract/webhooks';
import { consoleError } from '../console-error';
import type { Database } from '../db/database';
import { webhookEvent, webhookRegistration } from '../db/schema';
import { BodyTimeoutError, MAX_JSON_BODY_BYTES, readLimited } from '../limits';
import { characterOf, indexAnswers } from '../scope/character-index';
import { checkSignature } from './signature';
import { REGISTRATION_NAME, webhookSecrets } from './registration';

export const WEBHOOK_RECEIVER_PATH = '/api/webhooks/aurous';
const BODY_DEADLINE_MS = 10_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Webhooks are delivering: `lastVerifiedAt` (what `webhooksActive` reads) moves on, after the
 * delivery's own transaction and at most every VERIFIED_EVERY_S, so a burst of deliveries does not
 * all write (and wait on) this one row.
 */
const VERIFIED_EVERY_S = 30;
async function markVerified(db: Database): Promise<void> {
  await db
    .update(webhookRegistration)
    .set({ lastVerifiedAt: sql`now()` })
    .where(
      and(
        eq(webhookRegistration.name, REGISTRATION_NAME),
        or(
          isNull(webhookRegistration.lastVerifiedAt),
          lt(webhookRegistration.lastVerifiedAt, sql`now() - make_interval(secs => ${VERIFIED_EVERY_S})`),
        ),
      ),
    );
}

export function webhookReceiver(db: Database) {
  return async (c: Context) => {
    const refuse = (code: string, message: string) => consoleError(c, 400, 'invalid_request', code, message);
    let body: Uint8Array<ArrayBuffer> | null;
    try {
      body = await readLimited(c.req.raw.body, MAX_JSON_BODY_BYTES, BODY_DEADLINE_MS);
    } catch (error) {
      if (error instanceof BodyTimeoutError) return refuse('request_timeout', 'The delivery body did not arrive in time.');
      throw error;
    }
    if (!body) return consoleError(c, 413, 'invalid_request', 'body_too_large', 'The delivery is over 1 MB.');

    const secrets = await webhookSecrets(db);
    if (secrets.length === 0) return consoleError(c, 404, 'not_found', 'resource_not_found', 'Webhooks are not configured here.');
    const check = checkSignature(c.req.header(WEBHOOK_SIGNATURE_HEADER), body, secrets);
    if (!check.ok) {
      return check.reason === 'timestamp'
        ? refuse('timestamp_out_of_tolerance', 'The signature timestamp is more than 5 minutes from our clock.')
        : refuse('invalid_signature', `The ${WEBHOOK_SIGNATURE_HEADER} header does not verify.`);
    }

    let event: unknown;
    try {
      event = JSON.parse(new TextDecoder().decode(body));
    } catch {
      return refuse('invalid_format', 'The delivery is not JSON.');
    }
    if (!isRecord(event) || typeof event.id !== 'string' || !event.id || event.id.length > 200 || typeof event.type !== 'string') {
      return refuse('invalid_format', 'The delivery is not an event.');
    }
    const { id, type } = event;
    // Nothing every delivery shares is written in this transaction: the API sends a burst of
    // completions at once, and a row they all updated here (the registration's lastVerifiedAt)
    // made them queue on its lock one after another, each holding a pool connection meanwhile, so
    // the burst and everything else on the pool (the live hub's reads) waited seconds.
    const duplicate = await db.transaction(async (tx) => {
      const fresh = await tx
        .insert(webhookEvent)
        .values({ id, type: type.slice(0, 100) })
        .onConflictDoNothing()
        .returning({ id: webhookEvent.id });
      if (fresh.length === 0) return true;
      // A synthetic test delivery proves the wiring and changes nothing else.
      const data = isRecord(event.data) ? event.data : null;
      const character = event.synthetic === true || !isCharacterEventType(type) ? null : characterOf(data?.object);
      if (character) await indexAnswers(tx as unknown as Database, [character]);
      return false;
    });
    await markVerified(db);
    return c.json({ received: true, duplicate }, 200);
  };
}
