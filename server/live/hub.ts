/**
 * This copy's live hub: LISTENs once on the change channel (notify.ts) and fans each change out to
 * the browsers connected to this copy (`GET /api/events`), each within its own scope — the same
 * rules as the index's lists (server/scope/scope.ts): a creator or embed subject hears of their own
 * characters, a session bound to one character of that one, a reviewer of the queue's statuses,
 * their own and what they acted on, owners and admins of everything.
 *
 * What it holds in memory is only its own connections; every change comes from the database.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Character } from '../../contract/aurous';
import type { LiveEvent } from '../../contract/live-events';
import type { Database, Listen } from '../db/database';
import { auditLog, character as characterTable } from '../db/schema';
import { withRefsFrom } from '../scope/ref-origin';
import { QUEUE_STATUSES, type Viewer } from '../scope/scope';
import { currentClaim } from '../review/claims';
import { CHARACTER_CHANNEL, parseNote, type ChangeNote } from './notify';

export interface Subscriber {
  viewer: Viewer;
  /** The origin the browser used (the embedded sandbox's ref URLs are re-pointed at it). */
  origin: string;
  send(event: LiveEvent): void;
}

export interface LiveHub {
  /** Resolves once this copy is listening. */
  readonly ready: Promise<void>;
  subscribe(subscriber: Subscriber): () => void;
  /** Open streams per key (a person or an embed scope), for the per-person bound. */
  count(key: string): number;
  readonly size: number;
  close(): Promise<void>;
}

interface LiveRow {
  ownerScope: string | null;
  status: string;
  character: unknown;
}

const inQueue = (status: string | null) => status !== null && (QUEUE_STATUSES as readonly string[]).includes(status);

export function subscriberKey(viewer: Viewer): string {
  return viewer.actor.personId ? `person:${viewer.actor.personId}` : (viewer.actor.scope ?? 'anonymous');
}

export function createLiveHub({ db, listen, sandbox }: { db: Database; listen: Listen; sandbox: boolean }): LiveHub {
  const subscribers = new Set<Subscriber>();

  const broadcast = (event: LiveEvent) => {
    for (const subscriber of subscribers) subscriber.send(event);
  };

  /**
   * Tells this copy's browsers of `notes`, in order. The rows (and, for reviewers, what they acted
   * on) are read once for the whole batch: a burst of changes (a sync page of 40 completions, 40
   * webhooks in a few seconds) used to cost two reads per change, one after another, and the last
   * change of a burst waited for all of them.
   */
  async function deliverBatch(notes: readonly ChangeNote[]) {
    if (subscribers.size === 0) return;
    // A note that carries its character needs no read: under a burst of webhooks (one write, one
    // note each) a read per note on every copy, each waiting for a pool connection and a CPU the
    // deliveries themselves were using, kept a completion from the browsers for seconds.
    const changedIds = [...new Set(notes.flatMap((note) => (note.kind === 'changed' && note.character === undefined ? [note.id] : [])))];
    const rows =
      changedIds.length > 0
        ? await db
            .select({
              id: characterTable.id,
              ownerScope: characterTable.ownerScope,
              status: characterTable.status,
              character: characterTable.character,
            })
            .from(characterTable)
            .where(inArray(characterTable.id, changedIds))
        : [];
    const liveRows = new Map(rows.filter((row) => row.status !== 'deleted').map((row) => [row.id, row]));
    const rowOf = (note: ChangeNote): LiveRow | null => {
      if (note.kind !== 'changed') return null;
      if (note.character !== undefined) return { ownerScope: note.scope, status: note.status, character: note.character };
      return liveRows.get(note.id) ?? null;
    };
    // Reviewers reach what they acted on, whatever its status: asked once for all of them.
    const reviewers = [
      ...new Set([...subscribers].flatMap((s) => (s.viewer.access.kind === 'reviewer' ? [s.viewer.access.personId] : []))),
    ];
    const outOfQueue = [
      ...new Set(
        notes.flatMap((note) => {
          const row = rowOf(note);
          return row && note.kind === 'changed' && !inQueue(row.status) ? [note.id] : [];
        }),
      ),
    ];
    const actedOn = new Set<string>();
    if (reviewers.length > 0 && outOfQueue.length > 0) {
      const acted = await db
        .selectDistinct({ characterId: auditLog.characterId, personId: auditLog.actorPersonId })
        .from(auditLog)
        .where(and(inArray(auditLog.characterId, outOfQueue), inArray(auditLog.actorPersonId, reviewers)));
      for (const { characterId, personId } of acted) if (personId) actedOn.add(`${characterId} ${personId}`);
    }
    for (const note of notes) {
      if (note.kind === 'claim') await deliverClaim(note.id);
      else deliver(note, rowOf(note), actedOn);
    }
  }

  function deliver(note: Exclude<ChangeNote, { kind: 'claim' }>, live: LiveRow | null, actedOn: ReadonlySet<string>) {
    if (note.kind === 'reset') return broadcast({ event: 'characters.reset', data: {} });
    const scope = live?.ownerScope ?? note.scope;
    for (const subscriber of subscribers) {
      const { access } = subscriber.viewer;
      let reachesNow: boolean;
      let reachedBefore: boolean;
      switch (access.kind) {
        case 'all':
          reachesNow = reachedBefore = true;
          break;
        case 'bound':
          reachesNow = reachedBefore = access.characterId === note.id;
          break;
        case 'owner':
          reachesNow = reachedBefore = scope === access.scope;
          break;
        case 'reviewer': {
          const acted = actedOn.has(`${note.id} ${access.personId}`);
          reachedBefore = scope === access.scope || inQueue(note.was) || acted;
          reachesNow = scope === access.scope || (live !== null && (inQueue(live.status) || acted));
          break;
        }
      }
      if (live && reachesNow) {
        const character = live.character as unknown as Character;
        const shown = sandbox
          ? withRefsFrom({ object: 'list', data: [character], has_more: false, next_cursor: null }, subscriber.origin).data[0]!
          : character;
        subscriber.send({ event: 'character.changed', data: { character: shown } });
      } else if (reachedBefore || reachesNow) {
        // Gone, or out of this caller's reach now (a reviewer's queue item that settled).
        subscriber.send({ event: 'character.removed', data: { id: note.id } });
      }
    }
  }

  // In order, a batch at a time: what arrives while one batch is delivered waits for the next, so
  // a later change is never overtaken by an earlier one's read.
  let pending: ChangeNote[] = [];
  let draining = false;
  async function drain() {
    try {
      while (pending.length > 0) {
        const batch = pending;
        pending = [];
        await deliverBatch(batch).catch((error: unknown) => console.error('[live] delivering a change failed:', error));
      }
    } finally {
      draining = false;
    }
  }
  /**
   * Who is reviewing a character: told to the people who review (owners, admins, reviewers) and
   * to a creator for their own character; never to an embed session (a partner's end user has no
   * business knowing the team's reviewers).
   */
  async function deliverClaim(id: string) {
    const [row] = await db
      .select({ ownerScope: characterTable.ownerScope, status: characterTable.status })
      .from(characterTable)
      .where(eq(characterTable.id, id))
      .limit(1);
    const claim = await currentClaim(db, id);
    for (const subscriber of subscribers) {
      const { access, actor } = subscriber.viewer;
      if (!actor.personId) continue;
      const reached =
        access.kind === 'all' ||
        (access.kind === 'reviewer' && (inQueue(row?.status ?? null) || row?.ownerScope === access.scope)) ||
        (access.kind === 'owner' && row?.ownerScope === access.scope);
      if (reached) subscriber.send({ event: 'claim.changed', data: { character_id: id, claim } });
    }
  }

  const onPayload = (payload: string) => {
    const note = parseNote(payload);
    if (!note) return;
    pending.push(note);
    if (draining) return;
    draining = true;
    // After this turn: the notifications one message from the database carried form one batch.
    queueMicrotask(() => void drain());
  };
  // Notifications may have been missed (the listening connection was lost): every browser refetches.
  const onGap = () => broadcast({ event: 'characters.reset', data: {} });

  let unlisten: (() => Promise<void>) | null = null;
  const ready = listen(CHARACTER_CHANNEL, onPayload, onGap).then((stop) => {
    unlisten = stop;
  });
  ready.catch((error: unknown) => console.error('[live] could not LISTEN:', error));

  return {
    ready,
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => {
        subscribers.delete(subscriber);
      };
    },
    count: (key) => [...subscribers].filter((s) => subscriberKey(s.viewer) === key).length,
    get size() {
      return subscribers.size;
    },
    async close() {
      subscribers.clear();
      await ready.catch(() => undefined);
      await unlisten?.();
    },
  };
}
