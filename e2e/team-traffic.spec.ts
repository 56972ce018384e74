/**
 * Team traffic, small (issue 15): two console copies on one PostgreSQL database and one
 * standalone sandbox; 8 pages on 4 synthesizing characters (each watched by its creator on one
 * copy and by the owner or the reviewer on the other), the owner's library and the reviewer's QA
 * queue. People see every character become reviewable and never "Reconnecting…" or an error; the
 * API answers no 429 and sees about one series of character reads per character, not one per viewer.
 *
 * Needs a PostgreSQL (E2E_DATABASE_URL, as .ci/run's PostgreSQL pass sets): it makes a database of
 * its own beside that one. Its servers listen on E2E_PORT+100 (sandbox), +101 and +102 (the copies).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  freshDatabase,
  IDLE_PATH,
  navigateInPage,
  openProbed,
  readProbe,
  REVIEWABLE_TEXT,
  signedInContext,
  startRig,
  synthesizeCharacters,
  teamOf,
  trafficBetween,
  upstreamCharacters,
  type Rig,
} from './team-rig';

const E2E_PORT = Number(process.env.E2E_PORT ?? 5199);
const DATABASE_URL = process.env.E2E_DATABASE_URL?.trim() ?? '';
const CHARACTERS = 4;
const SYNTH_MS = 30_000;
const WINDOW_MS = 60_000;
/** The character page's poll interval while synthesizing (src/lib/aurous/character-polling.ts). */
const POLL_MS = 2000;

test.skip(!DATABASE_URL, 'Needs a PostgreSQL for the two console copies: set E2E_DATABASE_URL (.ci/run does, in its PostgreSQL pass).');

let rig: Rig | undefined;
const contexts: BrowserContext[] = [];

test.afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  await rig?.stop();
});

test('eight people on four synthesizing characters over two copies: all see them reviewable, no 429, one read series per character', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const name = new URL(DATABASE_URL).pathname.slice(1) || 'postgres';
  rig = await startRig({
    databaseUrl: await freshDatabase(DATABASE_URL, `${name}_team_traffic`),
    sandboxPort: E2E_PORT + 100,
    consolePorts: [E2E_PORT + 101, E2E_PORT + 102],
    staticRoot: process.env.CONSOLE_STATIC_ROOT,
  });
  await rig.addPeople(teamOf({ creators: 2, reviewers: 1, admins: 0 }));
  const [one, two] = rig.consoles as [string, string];
  const signIn = async (origin: string, email: string) => {
    const context = await signedInContext(browser, origin, email);
    contexts.push(context);
    return context;
  };

  // Character k: its creator (creator-1 or -2) on one copy, the owner or the reviewer on the other.
  const viewers = await Promise.all(
    Array.from({ length: CHARACTERS }, async (_, k) => {
      const creatorOrigin = k % 2 ? two : one;
      const otherOrigin = k % 2 ? one : two;
      return {
        creator: { context: await signIn(creatorOrigin, `creator-${(k % 2) + 1}@sandbox.test`), origin: creatorOrigin },
        other: await signIn(otherOrigin, k < 2 ? 'owner@sandbox.test' : 'reviewer@sandbox.test'),
      };
    }),
  );
  const library = await signIn(one, 'owner@sandbox.test');
  const queue = await signIn(two, 'reviewer@sandbox.test');

  // Everyone has the console open already (idle), so every viewer is on the page from the start.
  const characterContexts = viewers.flatMap((v) => [v.creator.context, v.other]);
  const idle = await Promise.all([...characterContexts, library, queue].map((context) => openProbed(context, IDLE_PATH)));
  for (const page of idle) await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();

  await rig.control('reset');
  const before = await rig.stats();
  const made = await synthesizeCharacters(
    rig,
    viewers.slice(0, 2).map((v) => v.creator),
    CHARACTERS,
    SYNTH_MS,
  );
  const started = Date.now();
  // Character k's two viewers are idle pages 2k and 2k+1; then the library and the queue.
  const characterPages = made.flatMap(({ character }, k) =>
    [0, 1].map((i) => ({ page: idle[2 * k + i]!, name: character.name, id: character.id })),
  );
  const [libraryPage, queuePage] = idle.slice(2 * CHARACTERS) as [Page, Page];
  await Promise.all([
    ...characterPages.map(({ page, id }) => navigateInPage(page, `/characters/${id}`)),
    navigateInPage(libraryPage, '/characters'),
    navigateInPage(queuePage, '/review'),
  ]);
  const pages = idle;

  // What people see: every character page turns reviewable by itself; the library and the queue follow.
  for (const { page, name } of characterPages) {
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByText(REVIEWABLE_TEXT)).toBeVisible({ timeout: SYNTH_MS + 30_000 });
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  }
  const listed = libraryPage.getByRole('list', { name: 'Characters' }).getByRole('listitem');
  await expect(listed.filter({ hasText: 'reviewing' })).toHaveCount(CHARACTERS, { timeout: 30_000 });
  await expect(queuePage.getByText(`${CHARACTERS} reviewing left`)).toBeVisible({ timeout: 30_000 });
  // Watch to the end of the window: settled pages stay quiet and nobody is told to wait.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + WINDOW_MS - Date.now())));
  const after = await rig.stats();

  const probes = await Promise.all(pages.map((page) => readProbe(page)));
  const troubled = probes
    .map((probe, i) => ({ page: pages[i]!.url(), seconds: probe.seconds }))
    .filter((_, i) => probes[i]!.troubledSeconds > 0);
  expect(troubled, 'pages that showed "Reconnecting…", a wait, a 429 or an error').toEqual([]);
  expect(probes.reduce((sum, probe) => sum + probe.browser429s, 0)).toBe(0);

  // What the API saw: no 429, and character reads bounded by one 2 s series per character in flight.
  const traffic = trafficBetween(before, after);
  expect(Object.entries(traffic.rate_limited).filter(([, count]) => count > 0)).toEqual([]);
  const upstream = await upstreamCharacters(rig);
  const inFlightMs = made.reduce((sum, { character }) => {
    const now = upstream.get(character.id);
    expect(now?.status).toBe('reviewing');
    return sum + (Date.parse(now!.updated_at) - Date.parse(character.created_at));
  }, 0);
  // Slack: each page's first read, and two more per character (a series' first and last read).
  const slack = pages.length + 2 * CHARACTERS;
  const budget = Math.ceil(inFlightMs / POLL_MS) + slack;
  const reads = traffic.routes['GET /v1/characters/:id'] ?? 0;
  console.log(
    `team-traffic: GET /v1/characters/:id ${reads} (budget ${budget}: ${(inFlightMs / 1000).toFixed(0)} in-flight character-seconds / 2 s + ${slack}); GET /v1/characters ${traffic.routes['GET /v1/characters'] ?? 0}; by bucket ${JSON.stringify(traffic.requests)}`,
  );
  expect(reads, 'upstream character reads: one series per character, not one per viewer').toBeLessThanOrEqual(budget);
});
