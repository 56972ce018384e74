/**
 * `GET /api/events` (contract/live-events.ts): a signed-in person's or embed session's stream of
 * character changes, scoped as the index is, and `GET /api/characters/:id`, one character from
 * the index (what the browser polls instead while the stream is down; it costs the API nothing).
 *
 * A stream ends when its session does: the session is checked again at every heartbeat (a
 * revoked or expired session, a removed person, an expired embed token closes it; a changed role
 * re-scopes it). Each person (or embed scope) may hold a few streams per copy at once.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { LIVE_HEARTBEAT_MS, LIVE_RETRY_MS, type LiveEvent } from '../../contract/live-events';
import type { ConsoleAuth } from '../auth/auth';
import { consoleError } from '../console-error';
import type { Database } from '../db/database';
import { isRole } from '../db/schema';
import type { EmbedClaims } from '../embed-session';
import { indexedCharacter } from '../scope/character-index';
import { withRefsFrom } from '../scope/ref-origin';
import { embedViewer, personViewer, type Viewer } from '../scope/scope';
import type { ViewerSource } from '../scope/viewer';
import { subscriberKey, type LiveHub } from './hub';

/** Streams one person (or embed scope) may keep open on one copy: a few tabs. */
export const DEFAULT_MAX_STREAMS_PER_PERSON = 8;

export interface EventsRouteOptions {
  hub: LiveHub;
  viewers: ViewerSource;
  auth: ConsoleAuth;
  embedKey: Buffer | null;
  heartbeatMs?: number;
  maxStreamsPerPerson?: number;
}

/** The caller's viewer now, or null once their session has ended. */
async function viewerNow(c: Context, { auth, embedKey }: EventsRouteOptions): Promise<Viewer | null> {
  const claims: EmbedClaims | undefined = c.get('embedClaims');
  if (claims && embedKey) return Date.now() < claims.exp ? embedViewer(embedKey, claims) : null;
  const session = await auth.api.getSession({ headers: c.req.raw.headers }).catch(() => null);
  if (!session || !isRole(session.user.role)) return null;
  return personViewer({ id: session.user.id, email: session.user.email, role: session.user.role });
}

export function eventsRoute(options: EventsRouteOptions) {
  const { hub, viewers } = options;
  const heartbeatMs = options.heartbeatMs ?? LIVE_HEARTBEAT_MS;
  const maxStreams = options.maxStreamsPerPerson ?? DEFAULT_MAX_STREAMS_PER_PERSON;
  return async (c: Context) => {
    const first = await viewers(c);
    if (first instanceof Response) return first;
    if (hub.count(subscriberKey(first)) >= maxStreams) {
      c.header('Retry-After', String(Math.ceil(LIVE_RETRY_MS / 1000) * 10));
      return consoleError(c, 429, 'rate_limit', 'too_many_streams', `At most ${maxStreams} live streams at once: close another tab.`);
    }
    await hub.ready;
    const origin = new URL(c.req.url).origin;
    c.header('Cache-Control', 'no-store');
    // A proxy in front must pass events on as they come.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let writing = Promise.resolve();
      const write = (text: string) => {
        writing = writing
          .then(() => stream.write(text))
          .then(
            () => undefined,
            () => undefined,
          );
      };
      const subscriber = {
        viewer: first,
        origin,
        send(event: LiveEvent) {
          write(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
        },
      };
      const unsubscribe = hub.subscribe(subscriber);
      let ended!: () => void;
      const done = new Promise<void>((resolve) => {
        ended = resolve;
      });
      stream.onAbort(() => ended());
      write(`retry: ${LIVE_RETRY_MS}\n\n`);
      subscriber.send({ event: 'ready', data: { heartbeat_ms: heartbeatMs } });
      const beat = setInterval(() => {
        void viewerNow(c, options).then((viewer) => {
          if (!viewer) return ended();
          subscriber.viewer = viewer;
          write(': hb\n\n');
        });
      }, heartbeatMs);
      try {
        await done;
      } finally {
        clearInterval(beat);
        unsubscribe();
        await writing;
      }
    });
  };
}

export function indexedCharacterRoute({ db, viewers, sandbox }: { db: Database; viewers: ViewerSource; sandbox: boolean }) {
  return async (c: Context) => {
    const viewer = await viewers(c);
    if (viewer instanceof Response) return viewer;
    const id = c.req.param('id') ?? '';
    const found = await indexedCharacter(db, viewer.access, id);
    c.header('Cache-Control', 'no-store');
    if (!found) return consoleError(c, 404, 'not_found', 'resource_not_found', `No such character: ${id}.`, 'character_id');
    const shown = sandbox
      ? withRefsFrom({ object: 'list', data: [found], has_more: false, next_cursor: null }, new URL(c.req.url).origin).data[0]!
      : found;
    return c.json(shown);
  };
}
