/**
 * Live pages (server/live/): a change caused on one console copy reaches browsers streaming from
 * another, each within its scope; the in-flight poller reads a character upstream once however
 * many people watch it, and one copy polls at a time. On PGlite (two apps on one database) and on
 * PostgreSQL when TEST_DATABASE_URL is set (two apps, each with its own pool and LISTEN connection).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Character } from '../../contract/aurous';
import type { LiveEvent } from '../../contract/live-events';
import { createConsoleApp } from '../../server/app';
import { startTeam, type StartedTeam } from '../../server/auth/start-team';
import { createInFlightPoller, type InFlightPoller } from '../../server/live/in-flight';
import type { LiveHub } from '../../server/live/hub';
import type { Upstream } from '../../server/upstream';
import { embedConfigFromEnv } from '../../server/embed-config';
import { DRIVERS, freshDatabase, type FreshDatabase } from '../db/databases';
import { serveApp, type Served } from './http-helpers';
import { api, embedSession, PARTNER, person, startScopedConsole, type Caller, type ScopedConsole } from './scope-helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

interface Stream {
  status: number;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  events: LiveEvent[];
  next(match: (event: LiveEvent) => boolean): Promise<LiveEvent>;
  close(): void;
}

/** A browser's stream of `/api/events`, parsed as it arrives. */
async function openStream(origin: string, caller: Caller): Promise<Stream> {
  const abort = new AbortController();
  const response = await fetch(`${origin}/api/events`, { headers: caller, signal: abort.signal });
  const events: LiveEvent[] = [];
  const waiters: { match: (event: LiveEvent) => boolean; resolve: (event: LiveEvent) => void }[] = [];
  const push = (event: LiveEvent) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.match(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  };
  let ended: Promise<void> = Promise.resolve();
  if (response.ok && response.body) {
    ended = (async () => {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (name && data) push({ event: name, data: JSON.parse(data) } as LiveEvent);
          }
        }
      } catch {
        // closed
      }
    })();
  } else {
    await response.body?.cancel();
  }
  const stream: Stream = {
    status: response.status,
    ended,
    events,
    next: (match) =>
      new Promise((resolve) => {
        const seen = events.find(match);
        if (seen) return resolve(seen);
        waiters.push({ match, resolve });
      }),
    close: () => abort.abort(),
  };
  if (response.ok) await stream.next((event) => event.event === 'ready');
  return stream;
}

const changed = (id: string, status?: string) => (event: LiveEvent) =>
  event.event === 'character.changed' && event.data.character.id === id && (status === undefined || event.data.character.status === status);
const about = (id: string) => (event: LiveEvent) =>
  (event.event === 'character.changed' && event.data.character.id === id) || (event.event === 'character.removed' && event.data.id === id);

/** An upstream that counts what is asked of it, by path. */
function counting(upstream: Upstream) {
  const paths: string[] = [];
  const wrapped: Upstream = {
    ...upstream,
    fetch: (request) => {
      paths.push(new URL(request.url).pathname);
      return upstream.fetch(request);
    },
  };
  return { upstream: wrapped, paths };
}

describe.each(DRIVERS)('live events on %s', (driver) => {
  let fresh: FreshDatabase;
  let a: ScopedConsole;
  let b: Served;
  let second: StartedTeam | null = null;
  const hubs: LiveHub[] = [];
  const streams: Stream[] = [];
  const pollers: InFlightPoller[] = [];
  let creator1: Caller;
  let creator2: Caller;
  let owner: Caller;
  let reviewer: Caller;

  beforeAll(async () => {
    fresh = await freshDatabase(driver);
    a = await startScopedConsole(fresh.options);
    // Copy B: on PostgreSQL a copy of its own (pool, LISTEN connection); PGlite is one process's database.
    second =
      driver === 'postgres'
        ? await startTeam({ database: fresh.options, upstreamKind: 'sandbox', listenOrigin: 'http://127.0.0.1:0' })
        : null;
    // Copy B checks sessions often, so a test sees a signed-out stream end soon.
    const embed = embedConfigFromEnv({ CONSOLE_EMBED_SECRET: 'scope-tests-embed-secret-0123456789', CONSOLE_EMBED_ORIGINS: PARTNER });
    b = await serveApp(
      createConsoleApp({
        upstream: a.upstream,
        team: second?.team ?? a.started.team,
        embed,
        liveHeartbeatMs: 300,
        onLiveHub: (hub) => hubs.push(hub),
      }),
    );
    creator1 = await person(a.origin, 'creator-1@sandbox.test');
    creator2 = await person(a.origin, 'creator-2@sandbox.test');
    owner = await person(a.origin, 'owner@sandbox.test');
    reviewer = await person(a.origin, 'reviewer@sandbox.test');
  });
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
  });
  afterAll(async () => {
    await Promise.all(hubs.map((hub) => hub.close()));
    await b?.close();
    await second?.database.close();
    await a?.stop();
    await fresh?.drop();
  });

  const stream = async (caller: Caller, origin = b.origin) => {
    const opened = await openStream(origin, caller);
    streams.push(opened);
    return opened;
  };
  const pollerOf = (holder: string, options: { upstream?: Upstream; pageSize?: number; leaseMs?: number } = {}) => {
    const poller = createInFlightPoller({
      db: a.started.team.db,
      upstream: options.upstream ?? a.upstream,
      origin: a.origin,
      holder,
      log: () => undefined,
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    });
    pollers.push(poller);
    return poller;
  };
  const control = (name: string, body: unknown) =>
    fetch(`${a.origin}/_sandbox/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const advance = (ms: number) => control('clock', { advance_ms: ms });
  /** The first look at a new character is due 2 s after it was last heard of. */
  const untilDue = () => new Promise((resolve) => setTimeout(resolve, 2100));

  it('tells a creator streaming from copy B of their character made and finished on copy A, and never another creator', async () => {
    const mine = await stream(creator1);
    const theirs = await stream(creator2);
    const everyone = await stream(owner, a.origin);
    const made = await api(a.origin, creator1).synthesize('Live on both copies');
    expect((await mine.next(changed(made.id, 'synthesizing'))).event).toBe('character.changed');
    await everyone.next(changed(made.id, 'synthesizing'));

    // The synthesis finishes upstream; nobody acts: the poller (on copy A's database) finds out.
    await advance(10 * 60_000);
    await untilDue();
    expect(await pollerOf('copy-a').tick()).toBe('polled');
    const flipped = await mine.next(changed(made.id, 'reviewing'));
    expect(flipped.event === 'character.changed' && flipped.data.character.refs.length).toBeGreaterThan(0);
    await everyone.next(changed(made.id, 'reviewing'));

    // Creator 2's own change arrives after creator 1's (one queue per copy): by then nothing of creator 1's did.
    const own = await api(a.origin, creator2).synthesize('Creator 2 marker');
    await theirs.next(changed(own.id));
    expect(theirs.events.filter(about(made.id))).toEqual([]);
  });

  it('streams a reviewer the queue, and says removed when a character leaves it', async () => {
    const watching = await stream(reviewer);
    const made = await api(a.origin, creator1).synthesize('Through the queue');
    await watching.next(changed(made.id, 'synthesizing'));
    await advance(10 * 60_000);
    await untilDue();
    expect(await pollerOf('copy-a').tick()).toBe('polled');
    await watching.next(changed(made.id, 'reviewing'));
    expect((await api(a.origin, creator1).call('POST', `/api/v1/characters/${made.id}/save`)).status).toBe(200);
    await watching.next((event) => event.event === 'character.removed' && event.data.id === made.id);
  });

  it('answers one character from the index to whoever may see it, and 404 to anyone else', async () => {
    const made = await api(a.origin, creator1).synthesize('Indexed alone');
    const mine = await api(b.origin, creator1).call('GET', `/api/characters/${made.id}`);
    expect(mine.status).toBe(200);
    expect((mine.body as Character).name).toBe('Indexed alone');
    expect((await api(b.origin, creator2).call('GET', `/api/characters/${made.id}`)).status).toBe(404);
    expect((await api(b.origin, null).call('GET', `/api/characters/${made.id}`)).status).toBe(401);
    expect((await fetch(`${b.origin}/api/events`)).status).toBe(401);
  });

  it('reads each in-flight character upstream once per delay, however many people stream it', async () => {
    expect((await control('reset', {})).status).toBe(200);
    const made = [
      await api(a.origin, creator1).synthesize('Watched 1'),
      await api(a.origin, creator1).synthesize('Watched 2'),
      await api(a.origin, creator1).synthesize('Watched 3'),
    ];
    for (let i = 0; i < 4; i++) await stream(creator1, i % 2 ? a.origin : b.origin);
    await stream(owner);
    const counted = counting(a.upstream);
    // Pages of two: the newest page holds two of them, the third is read on its own.
    const poller = pollerOf('copy-a', { upstream: counted.upstream, pageSize: 2 });
    // Not due yet: they were just created, so nobody asks.
    expect(await poller.tick()).toBe('idle');
    expect(counted.paths).toEqual([]);
    await untilDue();
    expect(await poller.tick()).toBe('polled');
    expect(counted.paths).toEqual(['/v1/characters', `/v1/characters/${made[0]!.id}`]);
    // Just heard of: not due again within their delay, whoever still watches.
    expect(await poller.tick()).toBe('idle');
    expect(counted.paths).toHaveLength(2);
  });

  it('polls from one copy at a time; another takes over when the holder stops or its lease lapses', async () => {
    const first = pollerOf('copy-1', { leaseMs: 1000 });
    const other = pollerOf('copy-2', { leaseMs: 1000 });
    expect(await first.tick()).not.toBe('not_holder');
    expect(await other.tick()).toBe('not_holder');
    // The holder dies (no release): its lease lapses, and the other copy takes over.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await other.tick()).not.toBe('not_holder');
    expect(await first.tick()).toBe('not_holder');
    // Stopping releases at once.
    await other.stop();
    expect(await first.tick()).not.toBe('not_holder');
  });

  it('ends a person’s stream when they sign out', async () => {
    const cookie = await person(a.origin, 'creator-1@sandbox.test');
    const open = await stream(cookie);
    const out = await fetch(`${a.origin}/api/auth/sign-out`, {
      method: 'POST',
      headers: { ...cookie, Origin: a.origin, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    await open.ended;
    expect((await fetch(`${b.origin}/api/events`, { headers: cookie })).status).toBe(401);
  });

  it('streams an embed session bound to one character only that character', async () => {
    const bound = await api(a.origin, creator1).synthesize('Bound to the embed');
    const other = await api(a.origin, creator1).synthesize('Not the embed’s');
    const session = await embedSession(b.origin, { mode: 'review', character_id: bound.id });
    const embedded = await stream(session);
    await api(a.origin, creator1).call('PATCH', `/api/v1/characters/${other.id}`, { name: 'Renamed, not told' });
    await api(a.origin, creator1).call('PATCH', `/api/v1/characters/${bound.id}`, { name: 'Renamed, told' });
    const told = await embedded.next(changed(bound.id));
    expect(told.event === 'character.changed' && told.data.character.name).toBe('Renamed, told');
    expect(embedded.events.filter(about(other.id))).toEqual([]);
  });

  it('bounds the streams one person holds open on a copy', async () => {
    for (let i = 0; i < 8; i++) expect((await stream(creator2)).status).toBe(200);
    expect((await stream(creator2)).status).toBe(429);
  });
});
