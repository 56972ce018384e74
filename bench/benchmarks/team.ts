/**
 * 9. Team traffic (issue 15): two console copies on one PostgreSQL and one standalone sandbox;
 * browser pages (one Chromium, a context each, signed in as the team's people) spread over both
 * copies — on characters that synthesize, on the library and on the QA queue — for a window.
 * Figures from what the API saw (`/_sandbox/stats` traffic) and what people saw (an in-page probe).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RATE_LIMIT_BUCKETS, type RateLimitBucket } from '../../contract/constants';
import {
  freshDatabase,
  IDLE_PATH,
  navigateInPage,
  openProbed,
  readProbe,
  signedInContext,
  startRig,
  synthesizeCharacters,
  teamOf,
  trafficBetween,
  TROUBLE,
  upstreamCharacters,
  type ProbeResult,
  type Rig,
  type TroubleKind,
  type WebhookState,
} from '../../e2e/team-rig';
import { pollDelayMs } from '../../contract/poll-schedule';
import { pool, sleep } from '../lib/async';
import { launchNicedBrowser } from '../lib/browser';
import { consoleNodeArgs } from '../lib/processes';
import { OUT_DIR, ROOT } from '../lib/config';
import { fmt, record } from '../lib/results';

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number (got "${process.env[name]}")`);
  return value;
};

/** The shape, all from the environment (defaults: the issue's 40 + 5 + 5 pages, 3 minutes, 150 s synthesis). */
export function teamShape() {
  return {
    characterPages: int('BENCH_TEAM_PAGES', 40),
    libraryPages: int('BENCH_TEAM_LIBRARY', 5),
    queuePages: int('BENCH_TEAM_QUEUE', 5),
    /** Pages per character: 1 = every page on its own character (the issue's table). */
    viewers: Math.max(1, int('BENCH_TEAM_VIEWERS', 1)),
    copies: Math.max(1, int('BENCH_TEAM_COPIES', 2)),
    windowS: int('BENCH_TEAM_WINDOW_S', 180),
    synthS: int('BENCH_TEAM_SYNTH_S', 150),
    /** BENCH_TEAM_WEBHOOKS=1: the copies register a webhook endpoint at the sandbox, so completions are pushed. */
    webhooks: process.env.BENCH_TEAM_WEBHOOKS === '1',
    /** Sandbox on this port, the copies on the next ones, a throwaway PostgreSQL after them. */
    basePort: int('BENCH_TEAM_PORT', 5421),
  };
}
export type TeamShape = ReturnType<typeof teamShape>;

/** Whether the team benchmark can run here: a PostgreSQL named, or Debian's to start a throwaway cluster. */
export function teamBenchAvailable(): boolean {
  if (process.env.BENCH_TEAM_DATABASE_URL?.trim()) return true;
  try {
    return readdirSync('/usr/lib/postgresql').some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`));
  } catch {
    return false;
  }
}

/** A PostgreSQL server: BENCH_TEAM_DATABASE_URL's, or a throwaway cluster (scripts/pg-cluster.sh). */
function postgres(port: number): { url: string; stop: () => void } {
  const named = process.env.BENCH_TEAM_DATABASE_URL?.trim();
  if (named) return { url: named, stop: () => undefined };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aurous-bench-pg-'));
  const started = spawnSync(path.join(ROOT, 'scripts/pg-cluster.sh'), ['start', String(port), dir], { encoding: 'utf8' });
  if (started.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`pg-cluster.sh start: ${started.stderr}`);
  }
  return {
    url: started.stdout.trim(),
    stop: () => {
      spawnSync(path.join(ROOT, 'scripts/pg-cluster.sh'), ['stop', dir]);
    },
  };
}

const quantile = (values: number[], q: number) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};

interface PageSpec {
  kind: 'character' | 'library' | 'queue';
  copy: number;
  email: string;
  characterIndex?: number;
  context?: BrowserContext;
  page?: Page;
  probe?: ProbeResult;
}

export interface TeamReport {
  shape: TeamShape;
  load: { before: number[]; after: number[] };
  pages: number;
  characters: number;
  windowS: number;
  upstreamPerMinute: Record<RateLimitBucket, number>;
  routesPerMinute: Record<string, number>;
  upstream429s: Record<RateLimitBucket, number>;
  characterGetsPerInFlightInterval: number;
  shown: {
    browser429s: number;
    troubledPageSeconds: number;
    pagesTroubled: number;
    secondsByKind: Record<TroubleKind, number>;
    pagesByKind: Record<TroubleKind, number>;
  };
  freshnessMs: { median: number; p95: number; max: number; n: number; neverShown: number };
  /** p95 goal: 2 s with webhooks, the poll interval at the flip + 1 s without. */
  freshnessGoalMs: number;
  /** With webhooks: whether they were delivering at the window's start and end, and what the receivers took. */
  webhooks: { atStart: WebhookState; atEnd: WebhookState; flipped: number } | null;
  /** Pages whose probe never sampled (a document that never ran). */
  neverLoaded: number;
}

export async function benchTeam(): Promise<TeamReport> {
  const shape = teamShape();
  const characters = Math.ceil(shape.characterPages / shape.viewers);
  const pages = shape.characterPages + shape.libraryPages + shape.queuePages;
  console.log(
    `\n9. Team traffic (${shape.copies} console copies on one PostgreSQL, one sandbox; ${shape.characterPages} pages on ${characters} characters synthesizing ${shape.synthS} s${shape.webhooks ? ', webhooks on' : ''}, ${shape.libraryPages} on the library, ${shape.queuePages} on the QA queue; ${shape.windowS} s)`,
  );
  const load = { before: os.loadavg().map((n) => Number(n.toFixed(2))), after: [] as number[] };
  console.log(`  (load average before: ${load.before.join(' ')} on ${os.cpus().length} cores)`);

  const pgServer = postgres(shape.basePort + 1 + shape.copies);
  let rig: Rig | undefined;
  let niced: Awaited<ReturnType<typeof launchNicedBrowser>> | undefined;
  const specs: PageSpec[] = [];
  try {
    const databaseUrl = await freshDatabase(pgServer.url, 'aurous_bench_team');
    rig = await startRig({
      databaseUrl,
      sandboxPort: shape.basePort,
      consolePorts: Array.from({ length: shape.copies }, (_, i) => shape.basePort + 1 + i),
      staticRoot: OUT_DIR,
      webhooks: shape.webhooks,
      consoleNodeArgs,
      // The copies' own warnings (429s passed on, …) would drown the output; count them instead.
      log: (name, chunk) => {
        if (!/\b429\b|rate.?limit/i.test(chunk)) process.stderr.write(`[${name}] ${chunk}`);
      },
    });
    const creators = Math.min(10, characters);
    const extraViewers = Math.max(0, shape.viewers - 1);
    const team = teamOf({
      creators,
      reviewers: Math.max(1, shape.queuePages, extraViewers),
      admins: Math.max(0, shape.libraryPages - 1, extraViewers),
    });
    await rig.addPeople(team);

    // Who looks at what, and on which copy (alternating, so every character has viewers on both
    // when it has two). A character's first viewer is its creator; further ones an admin or reviewer.
    let n = 0;
    const onCopy = () => n++ % shape.copies;
    for (let viewer = 0; viewer < shape.viewers; viewer++) {
      for (let index = 0; index < characters && specs.length < shape.characterPages; index++) {
        const email =
          viewer === 0
            ? `creator-${(index % creators) + 1}@sandbox.test`
            : viewer % 2 === 1
              ? `admin-${((index + viewer) % extraViewers) + 1}@sandbox.test`
              : `reviewer-${((index + viewer) % extraViewers) + 1}@sandbox.test`.replace('reviewer-1@', 'reviewer@');
        specs.push({ kind: 'character', copy: onCopy(), email, characterIndex: index });
      }
    }
    for (let i = 0; i < shape.libraryPages; i++)
      specs.push({ kind: 'library', copy: onCopy(), email: i === 0 ? 'owner@sandbox.test' : `admin-${i}@sandbox.test` });
    for (let i = 0; i < shape.queuePages; i++)
      specs.push({ kind: 'queue', copy: onCopy(), email: i === 0 ? 'reviewer@sandbox.test' : `reviewer-${i + 1}@sandbox.test` });

    niced = await launchNicedBrowser();
    const { browser } = niced;
    console.log(`  (Chromium ${niced.mode})`);
    const { consoles } = rig;
    await pool(specs, 6, async (spec) => {
      spec.context = await signedInContext(browser, consoles[spec.copy]!, spec.email);
    });
    // Every page open and idle first (Chromium starting 50 renderers on a small machine takes
    // minutes): the window then starts with people already on the console.
    const idleStart = Date.now();
    await pool(specs, 4, async (spec) => {
      spec.page = await openProbed(spec.context!, IDLE_PATH, 600_000);
    });
    console.log(`  (${pages} pages signed in and open, idle, in ${((Date.now() - idleStart) / 1000).toFixed(1)} s)`);
    // A reset would drop the webhook endpoint the copies registered at start (the sandbox is fresh anyway).
    if (!shape.webhooks) await rig.control('reset');
    // Each creator makes their characters through the copy their first page is on.
    const creatorContexts = Array.from({ length: creators }, (_, c) => {
      const spec = specs.find((s) => s.kind === 'character' && s.email === `creator-${c + 1}@sandbox.test`)!;
      return { context: spec.context!, origin: consoles[spec.copy]! };
    });
    const made = await synthesizeCharacters(rig, creatorContexts, characters, shape.synthS * 1000);
    // Outside the traffic window (it asks the API once): were webhooks delivering as the window began?
    const windowStartDate = new Date();
    const hooksAtStart = shape.webhooks ? await rig.webhookState(windowStartDate) : null;
    const before = await rig.stats();
    const windowStart = Date.now();
    for (const spec of specs) {
      const url =
        spec.kind === 'character'
          ? `/characters/${made[spec.characterIndex!]!.character.id}`
          : spec.kind === 'library'
            ? '/characters'
            : '/review';
      await navigateInPage(spec.page!, url);
    }
    console.log(
      `  (${pages} pages on their characters, library and queue ${((Date.now() - windowStart) / 1000).toFixed(1)} s into the window)`,
    );
    await sleep(Math.max(0, windowStart + shape.windowS * 1000 - Date.now()));
    const after = await rig.stats();
    const windowEnd = Date.now();
    const hooksAtEnd = shape.webhooks ? await rig.webhookState(windowStartDate) : null;
    const windowS = (windowEnd - windowStart) / 1000;
    for (const spec of specs) spec.probe = await readProbe(spec.page!);
    const neverLoaded = specs.filter((spec) => spec.probe!.samples === 0).length;
    const upstream = await upstreamCharacters(rig);
    load.after = os.loadavg().map((x) => Number(x.toFixed(2)));

    // What the API saw.
    const traffic = trafficBetween(before, after);
    const perMinute = (count: number) => (count * 60) / windowS;
    const buckets = Object.keys(RATE_LIMIT_BUCKETS) as RateLimitBucket[];
    const upstreamPerMinute = Object.fromEntries(buckets.map((b) => [b, perMinute(traffic.requests[b])])) as Record<
      RateLimitBucket,
      number
    >;
    const routesPerMinute = Object.fromEntries(Object.entries(traffic.routes).map(([route, count]) => [route, perMinute(count)]));
    const upstream429 = buckets.reduce((sum, b) => sum + traffic.rate_limited[b], 0);
    // In flight: from the window's start until the flip (or the window's end).
    const flips = made.map(({ character }) => {
      const now = upstream.get(character.id);
      return now && now.status !== 'synthesizing' ? Date.parse(now.updated_at) : null;
    });
    const inFlightMs = flips.reduce<number>((sum, flip) => sum + Math.max(0, Math.min(flip ?? windowEnd, windowEnd) - windowStart), 0);
    const characterGets = traffic.routes['GET /v1/characters/:id'] ?? 0;
    const getsPerInterval = characterGets / (inFlightMs / 2000);

    // What people saw.
    const kinds = Object.keys(TROUBLE) as TroubleKind[];
    const probes = specs.map((spec) => spec.probe!);
    const shown = {
      browser429s: probes.reduce((sum, p) => sum + p.browser429s, 0),
      troubledPageSeconds: probes.reduce((sum, p) => sum + p.troubledSeconds, 0),
      pagesTroubled: probes.filter((p) => p.troubledSeconds > 0).length,
      secondsByKind: Object.fromEntries(kinds.map((k) => [k, probes.reduce((sum, p) => sum + p.seconds[k], 0)])) as Record<
        TroubleKind,
        number
      >,
      pagesByKind: Object.fromEntries(kinds.map((k) => [k, probes.filter((p) => p.seconds[k] > 0).length])) as Record<TroubleKind, number>,
    };
    const freshness: number[] = [];
    // Split where the live stream brought the page its flip: the servers' part, then the page's own.
    const toEvent: number[] = [];
    const eventToShown: number[] = [];
    let neverShown = 0;
    for (const spec of specs) {
      if (spec.kind !== 'character') continue;
      const flip = flips[spec.characterIndex!];
      if (flip === null || flip === undefined || flip > windowEnd) continue;
      const { reviewableAt, eventAt } = spec.probe!;
      if (reviewableAt === null) neverShown += 1;
      else freshness.push(Math.max(0, reviewableAt - flip));
      if (eventAt !== null) {
        toEvent.push(Math.max(0, eventAt - flip));
        if (reviewableAt !== null) eventToShown.push(Math.max(0, reviewableAt - eventAt));
      }
    }
    const freshnessMs = {
      median: quantile(freshness, 0.5),
      p95: quantile(freshness, 0.95),
      max: freshness.length ? Math.max(...freshness) : NaN,
      n: freshness.length,
      neverShown,
    };

    const label = `${shape.characterPages}+${shape.libraryPages}+${shape.queuePages} pages, webhooks ${shape.webhooks ? 'on' : 'off'}`;
    // The issue's goals: p95 ≤ 2 s with webhooks; without, ≤ the poll interval at the flip + 1 s
    // (the in-flight poller's interval for a character synthesizing synthS: 8 s at 150 s).
    const pollIntervalMs = pollDelayMs(shape.synthS * 1000);
    const freshnessGoalMs = shape.webhooks ? 2000 : pollIntervalMs + 1000;
    const flipped = flips.filter((flip) => flip !== null && flip <= windowEnd).length;
    const webhooks = hooksAtStart && hooksAtEnd ? { atStart: hooksAtStart, atEnd: hooksAtEnd, flipped } : null;
    for (const b of buckets)
      record({ bench: 'team', metric: `${label}: upstream ${b} per minute`, unit: 'req/min', values: [upstreamPerMinute[b]] });
    for (const route of ['GET /v1/characters/:id', 'GET /v1/characters']) {
      record({ bench: 'team', metric: `${label}: upstream ${route} per minute`, unit: 'req/min', values: [routesPerMinute[route] ?? 0] });
    }
    record({
      bench: 'team',
      metric: `${label}: upstream character GETs per in-flight character per 2 s`,
      unit: 'ratio',
      values: [getsPerInterval],
      goal: '≤ 1',
      check: (m) => m <= 1,
    });
    record({
      bench: 'team',
      metric: `${label}: 429s received from upstream`,
      unit: 'count',
      values: [upstream429],
      goal: '0',
      check: (m) => m === 0,
    });
    record({
      bench: 'team',
      metric: `${label}: 429s received by browsers`,
      unit: 'count',
      values: [shown.browser429s],
      goal: '0',
      check: (m) => m === 0,
    });
    record({
      bench: 'team',
      metric: `${label}: page-seconds showing Reconnecting…/waiting/errors`,
      unit: 'page-s',
      values: [shown.troubledPageSeconds],
      note: `sampled each second on ${pages} pages over ${windowS.toFixed(0)} s`,
    });
    record({ bench: 'team', metric: `${label}: pages that showed any of it`, unit: 'pages', values: [shown.pagesTroubled] });
    record({
      bench: 'team',
      metric: `${label}: freshness (flip → page shows reviewing) median`,
      unit: 'ms',
      values: [freshnessMs.median],
    });
    record({
      bench: 'team',
      metric: `${label}: freshness p95`,
      unit: 'ms',
      values: [freshnessMs.p95],
      goal: shape.webhooks ? '≤ 2000' : `≤ ${freshnessGoalMs} (poll interval ${pollIntervalMs / 1000} s + 1 s)`,
      check: (m) => m <= freshnessGoalMs,
    });
    if (webhooks) {
      record({
        bench: 'team',
        metric: `${label}: webhooks active at the window's start and end`,
        unit: 'yes=1',
        values: [webhooks.atStart.active && webhooks.atEnd.active && webhooks.atEnd.endpoint?.isActive === true ? 1 : 0],
        goal: '1',
        check: (m) => m === 1,
      });
      record({
        bench: 'team',
        metric: `${label}: webhook events received in the window (of ${flipped} flips)`,
        unit: 'events',
        values: [webhooks.atEnd.eventsReceived],
        goal: `≥ ${flipped}`,
        check: (m) => m >= flipped,
      });
    }

    const saw = kinds
      .filter((k) => shown.pagesByKind[k] > 0)
      .map((k) => `"${TROUBLE[k]}" on ${shown.pagesByKind[k]} pages (${shown.secondsByKind[k]} page-s)`);
    console.log(`\n  | pages | upstream /v1 requests per minute (${buckets.join(' / ')}) | 429s | users saw |`);
    console.log('  |---|---|---|---|');
    console.log(
      `  | ${shape.characterPages}${shape.libraryPages || shape.queuePages ? ` + ${shape.libraryPages} library + ${shape.queuePages} QA queue` : ''} | ${buckets
        .map((b) => fmt(upstreamPerMinute[b]))
        .join(' / ')} | ${upstream429} | ${saw.length ? saw.join('; ') : 'nothing'} |`,
    );
    console.log(
      `  upstream routes per minute: ${Object.entries(routesPerMinute)
        .map(([route, value]) => `${route} ${fmt(value)}`)
        .join(', ')}`,
    );
    console.log(
      `  character GETs: ${characterGets} over ${(inFlightMs / 1000).toFixed(0)} in-flight character-seconds (${fmt(getsPerInterval)} per character per 2 s); 429s by bucket: ${buckets
        .map((b) => `${b} ${traffic.rate_limited[b]}`)
        .join(', ')}`,
    );
    console.log(
      `  freshness over ${freshnessMs.n} pages: median ${fmt(freshnessMs.median)} ms, p95 ${fmt(freshnessMs.p95)} ms, max ${fmt(freshnessMs.max)} ms (goal p95 ≤ ${freshnessGoalMs} ms, webhooks ${shape.webhooks ? 'on' : 'off'}); ${neverShown} pages never showed their flipped character reviewable`,
    );
    console.log(
      `  of which flip → the live event at the page: median ${fmt(quantile(toEvent, 0.5))} ms, p95 ${fmt(quantile(toEvent, 0.95))} ms (${toEvent.length} pages); event → shown: median ${fmt(quantile(eventToShown, 0.5))} ms, p95 ${fmt(quantile(eventToShown, 0.95))} ms`,
    );
    if (webhooks) {
      const { atStart, atEnd } = webhooks;
      const endpoint = atEnd.endpoint
        ? `endpoint ${atEnd.endpoint.id} ${atEnd.endpoint.isActive ? 'active' : 'INACTIVE'}, ${atEnd.endpoint.consecutiveFailures} consecutive failures`
        : 'NO endpoint registered';
      console.log(
        `  webhooks: active at the window's start ${atStart.active ? 'yes' : 'NO'}, at its end ${atEnd.active ? 'yes' : 'NO'}; ${endpoint}; ${atEnd.eventsReceived} events received in the window for ${flipped} flips`,
      );
    }
    console.log(`  (load average after: ${load.after.join(' ')}; ${neverLoaded} pages never loaded)`);
    return {
      shape,
      load,
      pages,
      characters,
      windowS,
      upstreamPerMinute,
      routesPerMinute,
      upstream429s: traffic.rate_limited,
      characterGetsPerInFlightInterval: getsPerInterval,
      shown,
      freshnessMs,
      freshnessGoalMs,
      webhooks,
      neverLoaded,
    };
  } finally {
    await Promise.all(specs.map((spec) => spec.context?.close().catch(() => undefined)));
    niced?.stop();
    await niced?.browser.close().catch(() => undefined);
    await rig?.stop();
    pgServer.stop();
  }
}
