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
import type { Character } from '../../contract/aurous';
import { WEBHOOK_SIGNATURE_HEADER, isCharacterEventType } from '../../contract/webhooks';
import { consoleError } from '../console-error';
import type { Database } from '../db/database';
import { webhookEvent, webhookRegistration } from '../db/schema';
import { BodyTimeoutError, MAX_JSON_BODY_BYTES, readLimited } from '../limits';
import { byId, characterOf, indexAnswers } from '../scope/character-index';
import { checkSignature } from './signature';
import { REGISTRATION_NAME, webhookSecrets } from './registration';

export const WEBHOOK_RECEIVER_PATH = '/api/webhooks/aurous';
const BODY_DEADLINE_MS = 10_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Webhooks are delivering: `lastVerifiedAt` (what `webhooksActive` reads) moves on, after a
 * write's transaction (once for the deliveries it took) and at most every VERIFIED_EVERY_S, so a
 * burst of deliveries does not all write (and wait on) this one row.
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

interface Delivery {
  id: string;
  type: string;
  /** The character to index (null: a synthetic test, or not a character event). */
  character: Character | null;
}

/** Delivery writes in flight at once on a copy; deliveries arriving meanwhile wait to form the next one. */
export const DELIVERY_WRITES_AT_ONCE = 2;

/**
 * Deliveries share transactions (group commit): a delivery arriving while DELIVERY_WRITES_AT_ONCE
 * writes are in flight joins the next one, with their event ids in one insert and their
 * characters in one `indexAnswers` (one NOTIFY statement). The API announces a burst of
 * completions at once, and a transaction each (five statements, each holding a pool connection)
 * on the one copy that receives them kept them, and the pages that copy serves, waiting on its
 * pool for seconds. A quiet delivery is written at once, and one whose row is locked holds up
 * only those that joined its write (the other write goes on). Each resolves to whether its event
 * was a replay.
 */
function deliveryWriter(db: Database) {
  const write = async (items: readonly Delivery[]): Promise<boolean[]> => {
    const duplicates = await db.transaction(async (tx) => {
      const fresh = new Set(
        (
          await tx
            .insert(webhookEvent)
            // In id order, as indexAnswers writes the characters: two writes taking the same rows take
            // them in the same order, so they wait for each other and never deadlock.
            .values([...items].sort(byId).map(({ id, type }) => ({ id, type: type.slice(0, 100) })))
            .onConflictDoNothing()
            .returning({ id: webhookEvent.id })
        ).map((row) => row.id),
      );
      // An id twice in one batch (a retry racing the first try) is new once.
      const duplicate = items.map(({ id }) => !fresh.delete(id));
      // One answer per character, the freshest (two events for one character in a burst).
      const freshest = new Map<string, Character>();
      items.forEach(({ character }, i) => {
        if (duplicate[i] || !character) return;
        const held = freshest.get(character.id);
        if (!held || Date.parse(held.updated_at) <= Date.parse(character.updated_at)) freshest.set(character.id, character);
      });
      if (freshest.size > 0) await indexAnswers(tx as unknown as Database, [...freshest.values()]);
      return duplicate;
    });
    return duplicates;
  };
  interface Batch {
    items: Delivery[];
    /** The transaction (what holds a write's place). */
    written: Promise<boolean[]>;
    /** …and then the registration marked verified, once for the batch: what a delivery's answer waits for. */
    answered: Promise<boolean[]>;
    start: () => void;
  }
  let next: Batch | null = null;
  let writing = 0;
  const pump = () => {
    while (writing < DELIVERY_WRITES_AT_ONCE && next) {
      const batch = next;
      next = null;
      writing += 1;
      batch.start();
      void batch.written
        .catch(() => undefined)
        .finally(() => {
          writing -= 1;
          pump();
        });
    }
  };
  return (delivery: Delivery): Promise<boolean> => {
    if (!next) {
      let start!: () => void;
      const started = new Promise<void>((resolve) => {
        start = resolve;
      });
      const items: Delivery[] = [];
      const written = started.then(() => write(items));
      const answered = written.then(async (duplicates) => {
        await markVerified(db);
        return duplicates;
      });
      next = { items, written, answered, start };
    }
    const batch = next;
    const index = batch.items.push(delivery) - 1;
    pump();
    return batch.answered.then((duplicates) => duplicates[index]!);
  };
}

export function webhookReceiver(db: Database) {
  const writeDelivery = deliveryWriter(db);
  // Deliveries arriving together share one read of the secret (read afresh for the next ones, so a
  // rotation stored by another copy counts at once).
  let reading: Promise<string[]> | null = null;
  const secretsNow = () =>
    (reading ??= webhookSecrets(db).finally(() => {
      reading = null;
    }));
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

    const secrets = await secretsNow();
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
    // A synthetic test delivery proves the wiring and changes nothing else.
    const data = isRecord(event.data) ? event.data : null;
    const character = event.synthetic === true || !isCharacterEventType(type) ? null : characterOf(data?.object);
    const duplicate = await writeDelivery({ id, type, character });
    return c.json({ received: true, duplicate }, 200);
  };
}
