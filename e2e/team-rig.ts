/**
 * The team-traffic rig (issue 15), shared by e2e/team-traffic.spec.ts and the bench's team
 * benchmark: one standalone sandbox, console copies (separate processes) on one PostgreSQL
 * database talking to it as a real API, the team's people added to that database, browser
 * contexts signed in as them on either copy, characters made through the console that synthesize
 * for a set time, and an in-page probe of what each person sees.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Character } from '../contract/aurous';
import { RATE_LIMIT_BUCKETS, type RateLimitBucket } from '../contract/constants';
import { LIVE_EVENTS_PATH } from '../contract/live-events';
import { SANDBOX_TEAM_A_KEY, type SandboxConfigBody, type SandboxStats, type SandboxTeamTraffic } from '../contract/sandbox';
import type { WebhookEndpoint } from '../contract/webhooks';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PASSWORD = 'sandbox-password';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A database of its own on the PostgreSQL server `serverUrl` names (dropped and made again). */
export async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not come up within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

export interface RigOptions {
  /** The database both copies share (see `freshDatabase`). */
  databaseUrl: string;
  sandboxPort: number;
  /** One console copy per port. */
  consolePorts: readonly number[];
  /** CONSOLE_STATIC_ROOT: the build to serve (default dist/). */
  staticRoot?: string | undefined;
  /** CONSOLE_WEBHOOKS=register: the copies register their receiver at the sandbox (once, guarded in the database). */
  webhooks?: boolean | undefined;
  /** Where the children's stderr goes (default: this process's stderr, prefixed). */
  log?: (name: string, chunk: string) => void;
  /** Extra node flags for the console copies only (e.g. `--cpu-prof --cpu-prof-dir=…`). */
  consoleNodeArgs?: readonly string[];
}

export interface Person {
  id: string;
  email: string;
  role: 'owner' | 'admin' | 'creator' | 'reviewer';
}

export interface Rig {
  sandbox: string;
  consoles: string[];
  /** POST /_sandbox/<route>. */
  control(route: string, body?: unknown): Promise<void>;
  stats(): Promise<SandboxStats>;
  /** Adds people to the team (idempotent by email); returns them with their ids. */
  addPeople(people: readonly Omit<Person, 'id'>[]): Promise<Person[]>;
  /** Refills the console's own mirror of a bucket (its `rate_budget` rows), as `/_sandbox/refill` does the API's. */
  refillBudget(bucket: string): Promise<void>;
  /**
   * Whether webhooks are delivering now: what the copies' poller asks (`webhooksActive`), the
   * registered endpoint as the API has it, and the events the receivers took since `since`.
   * Asks the API once (GET /v1/webhook_endpoints/{id}): take it outside a traffic window.
   */
  webhookState(since: Date): Promise<WebhookState>;
  stop(): Promise<void>;
}

export interface WebhookState {
  /** `webhooksActive` on the copies' database: the poller drops to its safety net while true. */
  active: boolean;
  /** The endpoint the deployment registered, as the API reports it (null: none registered). */
  endpoint: { id: string; url: string; isActive: boolean; consecutiveFailures: number } | null;
  /** Events the receivers accepted since `since` (each once, whichever copy took it). */
  eventsReceived: number;
}

export async function startRig(options: RigOptions): Promise<Rig> {
  const children: ChildProcess[] = [];
  const dataDirs: string[] = [];
  const log = options.log ?? ((name, chunk) => process.stderr.write(`[${name}] ${chunk}`));
  const start = (script: string, env: Record<string, string>, name: string, nodeArgs: readonly string[] = []) => {
    // `node --import tsx`, not the tsx CLI: the pid is the server itself, and SIGTERM reaches it.
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => log(name, chunk.toString()));
    child.stdout?.resume();
    children.push(child);
    return child;
  };
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    process.removeListener('exit', killAll);
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  };

  // A run cut short (Ctrl-C, a failed assertion's exit) must not leave servers behind.
  const killAll = () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('exit', killAll);

  const sandbox = `http://127.0.0.1:${options.sandboxPort}`;
  try {
    start('sandbox/main.ts', { SANDBOX_PORT: String(options.sandboxPort), SANDBOX_HOST: '127.0.0.1' }, 'sandbox');
    await waitFor(`${sandbox}/_sandbox/stats`);
    const consoles: string[] = [];
    // One at a time: the first applies the migrations, the next finds them done.
    for (const [index, port] of options.consolePorts.entries()) {
      const origin = `http://127.0.0.1:${port}`;
      const dataDir = mkdtempSync(path.join(os.tmpdir(), `aurous-team-${port}-`));
      dataDirs.push(dataDir);
      start(
        'server/main.ts',
        {
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: options.databaseUrl,
          AUROUS_API_BASE: sandbox,
          AUROUS_API_KEY: SANDBOX_TEAM_A_KEY,
          AUROUS_UPLOAD_ORIGINS: sandbox,
          CONSOLE_PUBLIC_URL: origin,
          // Every copy signs the same tickets and sessions (the auth secret is also shared in the database).
          CONSOLE_TICKET_SECRET: 'team-rig-ticket-secret-0123456789abcdef',
          CONSOLE_AUTH_SECRET: 'team-rig-auth-secret-0123456789abcdef',
          CONSOLE_DATA_DIR: dataDir,
          // Every person signs in from 127.0.0.1.
          CONSOLE_SIGN_IN_LIMIT: '10000',
          ...(options.staticRoot ? { CONSOLE_STATIC_ROOT: options.staticRoot } : {}),
          CONSOLE_WEBHOOKS: options.webhooks ? 'register' : 'off',
        },
        `console-${index + 1}`,
        options.consoleNodeArgs,
      );
      await waitFor(`${origin}/api/health`);
      consoles.push(origin);
    }

    const control = async (route: string, body?: unknown) => {
      const response = await fetch(`${sandbox}/_sandbox/${route}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`/_sandbox/${route}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    const stats = async () => {
      const response = await fetch(`${sandbox}/_sandbox/stats`);
      if (!response.ok) throw new Error(`/_sandbox/stats: ${response.status}`);
      return (await response.json()) as SandboxStats;
    };
    const addPeople = async (people: readonly Omit<Person, 'id'>[]) => {
      // The people CLI's own functions, on the copies' database (PostgreSQL: other processes may use it).
      const { openDatabase } = await import('../server/db/database');
      const { addPerson, findPerson } = await import('../server/people/people');
      const database = await openDatabase({ databaseUrl: options.databaseUrl });
      try {
        const out: Person[] = [];
        for (const person of people) {
          const found =
            (await findPerson(database.db, person.email)) ??
            (await addPerson(database.db, { ...person, password: PASSWORD, name: person.email.split('@')[0] }, { label: 'team rig' }));
          out.push({ id: found.id, email: found.email, role: found.role });
        }
        return out;
      } finally {
        await database.close();
      }
    };
    const refillBudget = async (bucket: string) => {
      const client = new pg.Client({ connectionString: options.databaseUrl });
      await client.connect();
      try {
        await client.query('delete from rate_budget where bucket = $1', [bucket]);
      } finally {
        await client.end();
      }
    };
    const webhookState = async (since: Date): Promise<WebhookState> => {
      const { openDatabase } = await import('../server/db/database');
      const { webhooksActive } = await import('../server/webhooks/registration');
      const database = await openDatabase({ databaseUrl: options.databaseUrl });
      let active: boolean;
      let registered: { endpoint_id: string } | undefined;
      let eventsReceived: number;
      try {
        active = await webhooksActive(database.db);
        const client = new pg.Client({ connectionString: options.databaseUrl });
        await client.connect();
        try {
          registered = (await client.query<{ endpoint_id: string }>(`select endpoint_id from webhook_registration`)).rows[0];
          eventsReceived = Number(
            (await client.query<{ n: string }>(`select count(*) as n from webhook_event where received_at >= $1`, [since])).rows[0]!.n,
          );
        } finally {
          await client.end();
        }
      } finally {
        await database.close();
      }
      let endpoint: WebhookState['endpoint'] = null;
      if (registered) {
        const response = await fetch(`${sandbox}/v1/webhook_endpoints/${encodeURIComponent(registered.endpoint_id)}`, {
          headers: { 'X-Api-Key': SANDBOX_TEAM_A_KEY },
        });
        if (response.ok) {
          const found = (await response.json()) as WebhookEndpoint;
          endpoint = { id: found.id, url: found.url, isActive: found.is_active, consecutiveFailures: found.consecutive_failures };
        } else await response.arrayBuffer();
      }
      return { active, endpoint, eventsReceived };
    };
    return { sandbox, consoles, control, stats, addPeople, refillBudget, webhookState, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The team for `creators` creators, `reviewers` reviewers and `admins` admins, plus the owner. */
export function teamOf(counts: { creators: number; reviewers: number; admins: number }): Omit<Person, 'id'>[] {
  const people: Omit<Person, 'id'>[] = [{ email: 'owner@sandbox.test', role: 'owner' }];
  for (let i = 1; i <= counts.creators; i++) people.push({ email: `creator-${i}@sandbox.test`, role: 'creator' });
  for (let i = 1; i <= counts.reviewers; i++)
    people.push({ email: i === 1 ? 'reviewer@sandbox.test' : `reviewer-${i}@sandbox.test`, role: 'reviewer' });
  for (let i = 1; i <= counts.admins; i++) people.push({ email: `admin-${i}@sandbox.test`, role: 'admin' });
  return people;
}

/** A fresh browser context on `origin`, signed in as `email` through the console's own sign-in endpoint. */
export async function signedInContext(browser: Browser, origin: string, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 800 } });
  // tsx (esbuild keepNames) wraps named functions in evaluated code with __name().
  await context.addInitScript('window.__name = (fn) => fn;');
  const response = await context.request.post('/api/auth/sign-in/email', {
    data: { email, password: PASSWORD },
    headers: { Origin: origin },
  });
  if (!response.ok()) throw new Error(`sign-in ${email} on ${origin}: ${response.status()} ${await response.text()}`);
  return context;
}

/**
 * `count` characters that synthesize for `synthMs`, each made through the console by its creator
 * (so the console stamps the owner and indexes it), all at one instant on the sandbox clock: the
 * `characters_synthesize` bucket is refilled (never the clock moved) whenever its burst is spent.
 */
export async function synthesizeCharacters(
  rig: Rig,
  creators: readonly { context: BrowserContext; origin: string }[],
  count: number,
  synthMs: number,
): Promise<{ character: Character; creator: number }[]> {
  await rig.control('config', { synth_delay_ms: synthMs } satisfies SandboxConfigBody);
  const made: { character: Character; creator: number }[] = [];
  // The console holds one token back and queues past its burst: refill a little before that.
  const burst = RATE_LIMIT_BUCKETS.characters_synthesize.capacity - 2;
  for (let index = 0; index < count; index++) {
    if (index > 0 && index % burst === 0) {
      await rig.control('refill', { team: 'a', bucket: 'characters_synthesize' });
      // The console's mirror of the bucket (in the shared database) learns of the refill too.
      await rig.refillBudget('characters_synthesize');
    }
    const creator = index % creators.length;
    const { context, origin } = creators[creator]!;
    const response = await context.request.post('/api/v1/characters', {
      data: {
        name: `Team ${String(index + 1).padStart(2, '0')}`,
        generate: true,
        attributes: { hair_color: 'auburn', age: 20 + (index % 50) },
      },
      headers: { Origin: origin, 'Idempotency-Key': `team-${Date.now()}-${index}-${Math.random()}` },
    });
    if (response.status() !== 201) throw new Error(`create ${index + 1}: ${response.status()} ${await response.text()}`);
    made.push({ character: (await response.json()) as Character, creator });
  }
  return made;
}

/** Words on a page that tell a person the API is not keeping up (or failed). */
export const TROUBLE = {
  reconnecting: 'Reconnecting…',
  waiting: 'aiting for the API',
  rateLimited: 'Rate limited',
  tooMany: 'Too many requests',
  queueFailed: 'The queue could not be loaded',
  loadFailed: 'Could not load',
  wentWrong: 'Something went wrong',
} as const;
export type TroubleKind = keyof typeof TROUBLE;

export interface ProbeResult {
  /** Seconds sampled (once a second since the page loaded). */
  samples: number;
  /** Seconds during which each kind of trouble was on screen. */
  seconds: Record<TroubleKind, number>;
  /** Seconds during which any of them was. */
  troubledSeconds: number;
  /** Epoch ms when the page first showed its character reviewable (character pages only). */
  reviewableAt: number | null;
  /**
   * Epoch ms when the live stream first brought this page's character as reviewing (character
   * pages only): what splits freshness into the servers' part and the page's own.
   */
  eventAt: number | null;
  /** 429s the browser received from the console. */
  browser429s: number;
  /** /api requests the browser sent. */
  apiRequests: number;
}

/** The hint a character page shows once the character is reviewable (`messages.reviewHint`). */
export const REVIEWABLE_TEXT = 'Review the poses.';

/**
 * Opens `url` in `context` with a probe installed first: once a second it reads the page's visible
 * text for `TROUBLE`, it notes when the review hint first appears, and when the live stream first
 * brought the page's character as reviewing. Read it with `readProbe`.
 */
export async function openProbed(context: BrowserContext, url: string, timeoutMs = 120_000): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(
    ([trouble, reviewable, eventsPath]) => {
      const kinds = Object.keys(trouble);
      const probe = {
        samples: 0,
        seconds: Object.fromEntries(kinds.map((kind) => [kind, 0])) as Record<string, number>,
        troubledSeconds: 0,
        reviewableAt: null as number | null,
        eventAt: null as number | null,
      };
      (window as unknown as { __probe: typeof probe }).__probe = probe;
      // The live stream's bytes as they arrive, before the page parses them: the first chunk naming
      // this page's character as reviewing.
      const fetchNow = window.fetch.bind(window);
      window.fetch = async (input, init) => {
        const response = await fetchNow(input, init);
        const url = new URL(input instanceof Request ? input.url : String(input), location.href);
        if (url.pathname !== eventsPath || !response.body) return response;
        const decoder = new TextDecoder();
        let buffer = '';
        const watch = new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            const blocks = (buffer + decoder.decode(chunk, { stream: true })).split('\n\n');
            buffer = blocks.pop() ?? '';
            const id = /^\/characters\/([^/]+)/.exec(location.pathname)?.[1];
            if (
              probe.eventAt === null &&
              id &&
              blocks.some((block) => block.includes(`"id":"${id}"`) && block.includes('"status":"reviewing"'))
            ) {
              probe.eventAt = Date.now();
            }
            controller.enqueue(chunk);
          },
        });
        return new Response(response.body.pipeThrough(watch), {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      };
      const seen = () => {
        if (probe.reviewableAt === null && document.body?.textContent?.includes(reviewable)) probe.reviewableAt = Date.now();
      };
      document.addEventListener('DOMContentLoaded', () => {
        new MutationObserver(seen).observe(document.body, { childList: true, subtree: true, characterData: true });
        seen();
      });
      setInterval(() => {
        const text = document.body?.innerText ?? '';
        probe.samples += 1;
        let any = false;
        for (const kind of kinds) {
          if (text.includes(trouble[kind]!)) {
            probe.seconds[kind]! += 1;
            any = true;
          }
        }
        if (any) probe.troubledSeconds += 1;
      }, 1000);
    },
    [TROUBLE as Record<string, string>, REVIEWABLE_TEXT, LIVE_EVENTS_PATH] as const,
  );
  const counts = { browser429s: 0, apiRequests: 0 };
  (page as Page & { __counts?: typeof counts }).__counts = counts;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) counts.apiRequests += 1;
  });
  page.on('response', (response) => {
    if (response.status() === 429) counts.browser429s += 1;
  });
  // The document, not every image: on a loaded machine many pages open at once.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  return page;
}

/** A path no route has: the console shows "Page not found" and asks nothing of the API (a warm, idle tab). */
export const IDLE_PATH = '/team-rig-idle';

/**
 * Moves an open page to `url` the way a link in the console does (history.pushState, the router
 * follows), without reloading the document, and starts its probe's counts afresh. A bench opens
 * its many pages idle first, so the window measures people on their pages, not Chromium starting them.
 */
export async function navigateInPage(page: Page, url: string): Promise<void> {
  await page.evaluate((to) => {
    const probe = (
      window as unknown as {
        __probe: {
          samples: number;
          seconds: Record<string, number>;
          troubledSeconds: number;
          reviewableAt: number | null;
          eventAt: number | null;
        };
      }
    ).__probe;
    probe.samples = 0;
    probe.troubledSeconds = 0;
    probe.reviewableAt = null;
    probe.eventAt = null;
    for (const kind of Object.keys(probe.seconds)) probe.seconds[kind] = 0;
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, url);
  const counts = (page as Page & { __counts?: { browser429s: number; apiRequests: number } }).__counts;
  if (counts) Object.assign(counts, { browser429s: 0, apiRequests: 0 });
}

/** The probe's figures; a page whose document never loaded reads as no samples. */
export async function readProbe(page: Page): Promise<ProbeResult> {
  const none = {
    samples: 0,
    seconds: Object.fromEntries(Object.keys(TROUBLE).map((kind) => [kind, 0])),
    troubledSeconds: 0,
    reviewableAt: null,
    eventAt: null,
  };
  const probe = await page
    .evaluate(() => (window as unknown as { __probe?: Omit<ProbeResult, 'browser429s' | 'apiRequests'> }).__probe)
    .then((found) => found ?? none)
    .catch(() => none);
  const counts = (page as Page & { __counts?: { browser429s: number; apiRequests: number } }).__counts ?? {
    browser429s: 0,
    apiRequests: 0,
  };
  return { ...probe, seconds: probe.seconds as Record<TroubleKind, number>, ...counts };
}

/** What the API saw between two stats snapshots, for team A. */
export function trafficBetween(before: SandboxStats, after: SandboxStats): SandboxTeamTraffic {
  const a = before.traffic.a;
  const b = after.traffic.a;
  const buckets = Object.keys(RATE_LIMIT_BUCKETS) as RateLimitBucket[];
  const perBucket = (pick: (t: SandboxTeamTraffic) => Record<RateLimitBucket, number>) =>
    Object.fromEntries(buckets.map((name) => [name, pick(b)[name] - pick(a)[name]])) as Record<RateLimitBucket, number>;
  const routes: Record<string, number> = {};
  for (const [route, n] of Object.entries(b.routes)) {
    const delta = n - (a.routes[route] ?? 0);
    if (delta) routes[route] = delta;
  }
  return { requests: perBucket((t) => t.requests), routes, rate_limited: perBucket((t) => t.rate_limited) };
}

/** The characters as the API has them now (read straight from the sandbox, after the last stats snapshot). */
export async function upstreamCharacters(rig: Rig): Promise<Map<string, Character>> {
  const response = await fetch(`${rig.sandbox}/v1/characters?limit=100`, { headers: { 'X-Api-Key': SANDBOX_TEAM_A_KEY } });
  if (!response.ok) throw new Error(`/v1/characters: ${response.status}`);
  const list = (await response.json()) as { data: Character[] };
  return new Map(list.data.map((character) => [character.id, character]));
}
