/**
 * Decisions on what was seen (issue 16), in front of the API for every save, regenerate,
 * resynthesize and delete that goes through the console:
 *
 * - **One at a time per character**, whoever sends it and from whichever copy: a row in
 *   `review_decision_lock` is taken in one statement before anything is sent. A second decision
 *   while one is on its way is refused (409 `decision_in_flight`) without reaching the API. After
 *   a paid action (regenerate, resynthesize) the API accepted, the lock stays until its synthesis
 *   has landed, so no second paid action is ever sent while one is in flight.
 * - **On the version seen**: when the request carries `Aurous-Seen-Version` (the character's
 *   `updated_at` the person was shown), the character is read from the API first; if it has moved
 *   on, the decision is refused with 409 `stale_version`, the character as it is now, and who moved
 *   it (from the decision log).
 * - **Logged**: every decision and refusal goes to the team's decision log (decision-log.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { sql } from 'drizzle-orm';
import type { Character } from '../../contract/aurous';
import { COST } from '../../contract/constants';
import type { EndpointName } from '../../contract/endpoints';
import { DECISION_IN_FLIGHT_CODE, SEEN_VERSION_HEADER, STALE_VERSION_CODE, type ReviewAction } from '../../contract/review';
import { consoleError } from '../console-error';
import type { Database } from '../db/database';
import { queryRows } from '../db/database';
import type { DecisionLockPhase } from '../db/schema';
import { characterOf, indexAnswers } from '../scope/character-index';
import type { Viewer } from '../scope/scope';
import { callUpstream, type Upstream } from '../upstream';
import { upstreamCallFailed } from '../upstream-answer';
import { releaseClaim } from './claims';
import { acceptedWithKey, decisionWords, moverSince, writeDecision, type DecisionRecord } from './decision-log';

/** A request on its way: freed after this long if its copy died mid-call. */
const SENDING_LOCK_MS = 2 * 60_000;
/** A paid action the API accepted: held until its synthesis lands (typically 30–90 s), at most this long. */
const SYNTHESIZING_LOCK_MS = 10 * 60_000;

const ACTIONS: Partial<Record<EndpointName, ReviewAction>> = {
  saveCharacter: 'save',
  regenerateRef: 'regenerate',
  resynthesize: 'resynthesize',
  deleteCharacter: 'delete',
};
export const decisionActionOf = (name: EndpointName): ReviewAction | null => ACTIONS[name] ?? null;
const isPaid = (action: ReviewAction) => action === 'regenerate' || action === 'resynthesize';
const creditsOf = (action: ReviewAction) => (action === 'regenerate' ? COST.regenerate : action === 'resynthesize' ? COST.resynthesize : 0);

export interface DecisionGuardOptions {
  db: Database;
  upstream: Upstream;
  timeoutMs: number;
}

export interface DecisionRequest {
  viewer: Viewer;
  characterId: string;
  action: ReviewAction;
  pose: string | null;
  /** The scoped Idempotency-Key, when the request has one. */
  idempotencyKey: string | null;
}

/** A decision let through: `finish` with the API's answer frees (or keeps) the lock and logs it. */
export interface Admitted {
  finish(status: number, answer: unknown, replayed: boolean): Promise<void>;
}

interface LockRow extends Record<string, unknown> {
  token: string;
  action: string;
  phase: DecisionLockPhase;
  holder_name: string | null;
}

const sameInstant = (a: string, b: string) => {
  const left = Date.parse(a);
  const right = Date.parse(b);
  return Number.isFinite(left) && Number.isFinite(right) ? left === right : a === b;
};

export function decisionGuard({ db, upstream, timeoutMs }: DecisionGuardOptions) {
  /** The character as the API has it now (null: gone). */
  async function current(c: Context, id: string): Promise<Character | null> {
    const origin = new URL(c.req.url).origin;
    const answer = await callUpstream(
      upstream,
      new Request(`${upstream.baseUrl(origin)}/v1/characters/${encodeURIComponent(id)}`, {
        headers: { 'X-Api-Key': upstream.apiKey, Accept: 'application/json' },
        redirect: 'manual',
      }),
      timeoutMs,
    );
    if (answer.status === 404) return null;
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(answer.body));
    } catch {
      json = null;
    }
    const character = characterOf(json);
    if (answer.status !== 200 || !character) throw new Error(`reading ${id} answered ${answer.status}`);
    await indexAnswers(db, [character]);
    return character;
  }

  async function takeLock(request: DecisionRequest, token: string): Promise<boolean> {
    const rows = await queryRows<{ token: string }>(
      db,
      sql`insert into review_decision_lock (character_id, token, action, phase, holder_person_id, expires_at)
          values (${request.characterId}, ${token}, ${request.action}, 'sending', ${request.viewer.actor.personId},
                  now() + make_interval(secs => ${SENDING_LOCK_MS / 1000}))
          on conflict (character_id) do update
            set token = excluded.token, action = excluded.action, phase = 'sending',
                holder_person_id = excluded.holder_person_id, started_at = now(), expires_at = excluded.expires_at
          where review_decision_lock.expires_at <= now()
          returning token`,
    );
    return rows.length > 0;
  }

  async function heldLock(characterId: string): Promise<LockRow | null> {
    const [row] = await queryRows<LockRow>(
      db,
      sql`select l.token, l.action, l.phase, u.name as holder_name from review_decision_lock l
            left join "user" u on u.id = l.holder_person_id where l.character_id = ${characterId}`,
    );
    return row ?? null;
  }

  /** Takes over a lock from `previous` (a paid action whose synthesis has landed). */
  async function takeOver(request: DecisionRequest, previous: string, token: string): Promise<boolean> {
    const rows = await queryRows<{ token: string }>(
      db,
      sql`update review_decision_lock
             set token = ${token}, action = ${request.action}, phase = 'sending', holder_person_id = ${request.viewer.actor.personId},
                 started_at = now(), expires_at = now() + make_interval(secs => ${SENDING_LOCK_MS / 1000})
           where character_id = ${request.characterId} and token = ${previous}
       returning token`,
    );
    return rows.length > 0;
  }

  const freeLock = (characterId: string, token: string) =>
    db.execute(sql`delete from review_decision_lock where character_id = ${characterId} and token = ${token}`);

  /** 409 with the character as it is now, in the API's error envelope plus `character`. */
  async function refuse(c: Context, code: string, message: string, character: Character | null) {
    const response = consoleError(c, 409, 'invalid_request', code, message);
    const body = (await response.json()) as Record<string, unknown>;
    return c.json({ ...body, character }, 409);
  }

  const log = (request: DecisionRequest, fields: Partial<DecisionRecord>) =>
    writeDecision(db, {
      actor: request.viewer.actor,
      characterId: request.characterId,
      characterName: null,
      action: request.action,
      pose: request.pose,
      seenVersion: null,
      resultVersion: null,
      outcome: 'done',
      credits: 0,
      ...fields,
    });

  /**
   * Admits the decision (the caller then sends it and calls `finish`), or answers the refusal.
   */
  return async function admit(c: Context, request: DecisionRequest): Promise<Admitted | Response> {
    const seen = c.req.header(SEEN_VERSION_HEADER)?.trim() || null;
    const passThrough: Admitted = { finish: async () => undefined };
    // A retry of a decision the API already accepted (same key): the API replays its answer, nothing is sent twice.
    if (request.idempotencyKey && (await acceptedWithKey(db, request.idempotencyKey))) return passThrough;

    const token = randomUUID();
    let now: Character | null | undefined;
    const read = async () => (now === undefined ? (now = await current(c, request.characterId)) : now);
    try {
      if (!(await takeLock(request, token))) {
        const held = await heldLock(request.characterId);
        let taken = false;
        if (held?.phase === 'synthesizing') {
          // Free once the paid action it waits for has landed (or the character is going anyway).
          const character = await read();
          if (request.action === 'delete' || character?.status !== 'synthesizing') taken = await takeOver(request, held.token, token);
        } else if (!held) {
          taken = await takeLock(request, token);
        }
        if (!taken) {
          const character = await read().catch(() => null);
          const who = held?.holder_name ?? 'Someone';
          const message =
            held?.phase === 'synthesizing'
              ? `${who}'s ${held.action} of this character is still synthesizing: wait for it to land, then look again.`
              : `${who} is already sending a ${held?.action ?? 'decision'} for this character: look again in a moment.`;
          await log(request, { outcome: 'busy', seenVersion: seen, characterName: character?.name ?? null, message });
          return await refuse(c, DECISION_IN_FLIGHT_CODE, message, character);
        }
      }
    } catch (error) {
      return upstreamCallFailed(c, error);
    }

    // From here this request holds the character's lock: every way out frees it or hands it to `finish`.
    try {
      const character = seen || isPaid(request.action) ? await read() : undefined;
      if (character === null) {
        // Gone: the API answers its own 404 (and the index is pruned from that answer).
        await freeLock(request.characterId, token);
        return passThrough;
      }
      if (character && isPaid(request.action) && character.status === 'synthesizing') {
        await freeLock(request.characterId, token);
        const message = 'This character is synthesizing already: wait for it to land, then look again.';
        await log(request, { outcome: 'busy', seenVersion: seen, characterName: character.name, message });
        return await refuse(c, DECISION_IN_FLIGHT_CODE, message, character);
      }
      if (character && seen && !sameInstant(seen, character.updated_at)) {
        await freeLock(request.characterId, token);
        const mover = Number.isFinite(Date.parse(seen)) ? await moverSince(db, request.characterId, seen) : null;
        const you = mover?.actor.id && mover.actor.id === request.viewer.actor.personId;
        const message = mover
          ? `${you ? 'You' : mover.actor.name} ${decisionWords(mover.action, mover.pose)} after you opened this; look again.`
          : `This character changed after you opened it (it is ${character.status} now); look again.`;
        await log(request, {
          outcome: 'stale',
          seenVersion: seen,
          resultVersion: character.updated_at,
          characterName: character.name,
          message,
        });
        return await refuse(c, STALE_VERSION_CODE, message, character);
      }
      const name = character?.name ?? null;
      return {
        finish: async (status, answer, replayed) => {
          const ok = status >= 200 && status < 300;
          const result = characterOf(answer);
          if (ok && isPaid(request.action) && !replayed) {
            await db.execute(
              sql`update review_decision_lock set phase = 'synthesizing', expires_at = now() + make_interval(secs => ${SYNTHESIZING_LOCK_MS / 1000})
                   where character_id = ${request.characterId} and token = ${token}`,
            );
          } else {
            await freeLock(request.characterId, token);
          }
          if (replayed) return;
          await log(request, {
            outcome: ok ? 'done' : 'failed',
            seenVersion: seen,
            resultVersion: result?.updated_at ?? null,
            characterName: result?.name ?? name,
            credits: ok ? creditsOf(request.action) : 0,
            idempotencyKey: request.idempotencyKey,
            message: ok ? null : `The API answered ${status}.`,
          });
          // A decision ends the reviewer's claim: the queue moves on.
          if (ok && request.viewer.actor.personId) await releaseClaim(db, request.characterId, request.viewer.actor.personId);
        },
      };
    } catch (error) {
      await freeLock(request.characterId, token);
      return upstreamCallFailed(c, error);
    }
  };
}
