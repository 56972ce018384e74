/**
 * `npm run bench`: builds the console into bench/.dist, starts the standalone sandbox and the
 * console server (AUROUS_API_BASE → the sandbox, so the server's memory is its own), runs the
 * eight benchmarks of issue 7, prints a table (median, min, max) and writes bench/results.json.
 * Every machine-dependent figure is reported next to a baseline measured in the same run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { chromium, type Browser, type Page } from '@playwright/test';
import { SANDBOX_TEAM_A_KEY } from '../contract/sandbox';
import { jpegVariant, largeJpeg, noisyPng, writeImage } from './images';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'bench/.dist');
const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 5411);
const CONSOLE_PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 5412);
const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;
const CONSOLE = `http://127.0.0.1:${CONSOLE_PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const KEY = SANDBOX_TEAM_A_KEY;
const MB = 1024 * 1024;
const BUDGET_FIRST_SCREEN_GZIP = 110 * 1024;

// ---------------------------------------------------------------- results

interface Row {
  bench: string;
  metric: string;
  unit: string;
  values: number[];
  goal?: string;
  /** Whether the median meets the goal; undefined when the figure has no goal. */
  met?: boolean;
  note?: string;
}
const rows: Row[] = [];
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
function record(row: Omit<Row, 'met'> & { check?: (median: number) => boolean }) {
  const { check, ...rest } = row;
  const out: Row = { ...rest, met: check ? check(median(row.values)) : undefined };
  rows.push(out);
  const m = median(row.values);
  console.log(`  ${row.bench} · ${row.metric}: ${fmt(m)} ${row.unit}${out.met === undefined ? '' : out.met ? '  ✓' : '  ✗'}`);
}
const fmt = (n: number) => (Math.abs(n) >= 100 || Number.isInteger(n) ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

// ---------------------------------------------------------------- processes

const children: ChildProcess[] = [];
function start(script: string, env: Record<string, string>, name: string): ChildProcess {
  // `node --import tsx` (not the tsx CLI) so the pid is the server itself, for /proc/<pid>/status.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk}`));
  child.stdout?.resume();
  children.push(child);
  return child;
}
function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

async function startConsole(): Promise<ChildProcess> {
  const server = start(
    'server/main.ts',
    { PORT: String(CONSOLE_PORT), HOST: '127.0.0.1', AUROUS_API_BASE: SANDBOX, AUROUS_API_KEY: KEY, CONSOLE_STATIC_ROOT: OUT_DIR },
    'console',
  );
  await waitFor(`${CONSOLE}/api/health`);
  // Warm the proxy path once, so idle RSS includes the loaded code.
  await fetch(`${CONSOLE}/api/v1/balance`).then((response) => response.arrayBuffer());
  return server;
}
async function stopConsole(server: ChildProcess) {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

async function waitFor(url: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not come up`);
    await sleep(100);
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : NaN;
}

// ---------------------------------------------------------------- sandbox helpers

async function sandboxControl(route: string, body?: unknown) {
  const response = await fetch(`${SANDBOX}/_sandbox/${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`/_sandbox/${route}: ${response.status} ${await response.text()}`);
}
const reset = () => sandboxControl('reset');

async function api<T>(base: string, route: string, init: { method?: string; body?: unknown; key?: boolean; headers?: Record<string, string> } = {}): Promise<T> {
  const response = await fetch(`${base}${route}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(init.key === false ? {} : { 'X-Api-Key': KEY }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${route}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}
interface InitResponse {
  upload_id: string;
  upload_url: string;
  upload_headers: Record<string, string>;
}
const initBody = (filename: string, type: 'png' | 'jpg') => ({
  filename,
  extension: type,
  content_type: type === 'png' ? 'image/png' : 'image/jpeg',
});
async function put(url: string, bytes: Buffer, contentType: string) {
  const response = await fetch(url, { method: 'PUT', headers: { 'Content-Type': contentType }, body: bytes as unknown as BodyInit });
  if (!response.ok) throw new Error(`PUT ${url}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}
/** Runs `work` over `items`, at most `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

// ---------------------------------------------------------------- browser helpers

let browser: Browser;
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: CONSOLE, viewport: { width: 1280, height: 800 } });
  // tsx (esbuild keepNames) wraps named functions in the evaluated code with __name().
  await context.addInitScript('window.__name = (fn) => fn;');
  return context.newPage();
}

/** In the page: record long tasks, the time of the file input's change, and when `n` items are classified. */
async function armUploadProbe(page: Page, count: number) {
  await page.evaluate((n) => {
    const w = window as unknown as Record<string, unknown>;
    const tasks: number[] = [];
    w.__tasks = tasks;
    w.__t0 = null;
    w.__t1 = null;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    document.addEventListener('change', () => (w.__t0 ??= performance.now()), true);
    const timer = setInterval(() => {
      const done = [...document.querySelectorAll('li[aria-label]')].filter((li) => li.textContent?.includes('Classified')).length;
      if (w.__t0 !== null && done >= n) {
        w.__t1 = performance.now();
        clearInterval(timer);
      }
    }, 10);
  }, count);
}
/** One upload through the UI, in a fresh browser context (the queue persists in session storage). */
async function uploadViaUi(files: string[], timeoutMs = 120_000) {
  const page = await newPage();
  await page.goto('/');
  await page.getByLabel('Choose reference images').waitFor({ state: 'attached' });
  await armUploadProbe(page, files.length);
  await page.getByLabel('Choose reference images').setInputFiles(files);
  await page.waitForFunction(() => (window as unknown as { __t1: number | null }).__t1 !== null, null, { timeout: timeoutMs, polling: 50 });
  const { t0, t1, tasks, marks } = await page.evaluate(() => {
    const w = window as unknown as { __t0: number; __t1: number; __tasks: number[] };
    const marks = performance
      .getEntriesByType('mark')
      .filter((entry) => entry.name.startsWith('aurous:'))
      .map((entry) => ({ stage: entry.name.slice(7), id: String((entry as PerformanceMark).detail), at: entry.startTime }));
    return { t0: w.__t0, t1: w.__t1, tasks: w.__tasks, marks };
  });
  await page.context().close();
  return { ms: t1 - t0, tasks, stages: stageBreakdown(marks, t0) };
}

/**
 * Where each file's time went, from the console's own stage marks: preparing (hash + sniff,
 * queued behind the worker pool), waiting for an upload slot, init, the PUT, and classify.
 * Medians over the files of one run, in ms.
 */
function stageBreakdown(marks: { stage: string; id: string; at: number }[], t0: number) {
  const byFile = new Map<string, Record<string, number>>();
  for (const { stage, id, at } of marks) byFile.set(id, { ...byFile.get(id), [stage]: at });
  const spans = { prepare: [] as number[], queued: [] as number[], init: [] as number[], put: [] as number[], classify: [] as number[] };
  for (const file of byFile.values()) {
    const { prepared, 'upload-start': start, init, put, classified } = file;
    if ([prepared, start, init, put, classified].some((value) => value === undefined)) continue;
    spans.prepare.push(prepared! - t0);
    spans.queued.push(start! - prepared!);
    spans.init.push(init! - start!);
    spans.put.push(put! - init!);
    spans.classify.push(classified! - put!);
  }
  return Object.fromEntries(Object.entries(spans).map(([stage, values]) => [stage, median(values)])) as Record<keyof typeof spans, number>;
}

// ---------------------------------------------------------------- 1. bundle

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
function benchBundle() {
  console.log('\n1. Bundle');
  const manifest = JSON.parse(readFileSync(path.join(OUT_DIR, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const size = (file: string) => {
    const bytes = readFileSync(path.join(OUT_DIR, file));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  /** A chunk's own file, its CSS and its static imports, recursively. */
  const closure = (key: string, seen = new Set<string>()) => {
    const chunk = manifest[key];
    if (!chunk) return seen;
    seen.add(chunk.file);
    for (const css of chunk.css ?? []) seen.add(css);
    for (const dep of chunk.imports ?? []) if (!seen.has(manifest[dep]?.file ?? '')) closure(dep, seen);
    return seen;
  };
  const sum = (files: Iterable<string>) => {
    let raw = 0, gzip = 0, js = 0, css = 0;
    for (const file of files) {
      const s = size(file);
      raw += s.raw;
      gzip += s.gzip;
      if (file.endsWith('.css')) css += s.gzip;
      else js += s.gzip;
    }
    return { raw, gzip, js, css };
  };
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry && key.endsWith('index.html'))!;
  const first = closure(entryKey);
  const firstSize = sum(first);
  const kb = (n: number) => n / 1024;
  record({ bench: 'bundle', metric: 'first screen raw (JS+CSS)', unit: 'KB', values: [kb(firstSize.raw)] });
  record({ bench: 'bundle', metric: 'first screen JS gzip', unit: 'KB', values: [kb(firstSize.js)] });
  record({ bench: 'bundle', metric: 'first screen CSS gzip', unit: 'KB', values: [kb(firstSize.css)] });
  record({
    bench: 'bundle',
    metric: 'first screen gzip (JS+CSS)',
    unit: 'KB',
    values: [kb(firstSize.gzip)],
    goal: '≤ 110 KB',
    check: (m) => m * 1024 <= BUDGET_FIRST_SCREEN_GZIP,
  });
  const lazy: Record<string, { raw: number; gzip: number }> = {};
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry) continue;
    const own = [...closure(key)].filter((file) => !first.has(file));
    const s = sum(own);
    lazy[chunk.src ?? key] = { raw: s.raw, gzip: s.gzip };
    record({ bench: 'bundle', metric: `lazy ${chunk.src ?? key} gzip (raw ${kb(s.raw).toFixed(1)} KB)`, unit: 'KB', values: [kb(s.gzip)] });
  }
  // Web workers are emitted as assets, outside the manifest's chunk graph.
  return { first: [...first], lazy };
}

// ---------------------------------------------------------------- 2. upload throughput

async function benchUploadThroughput() {
  console.log('\n2. Upload throughput (6 × 9 MB, concurrency 3)');
  const bytes = Array.from({ length: 6 }, (_, i) => noisyPng(9 * MB, 100 + i));
  const total = bytes.reduce((n, b) => n + b.length, 0);
  const files = bytes.map((b, i) => writeImage(`throughput-${i + 1}.png`, b));
  const ui: number[] = [];
  const node: number[] = [];
  const ratio: number[] = [];
  const stages: Record<string, number[]> = {};
  const viaRelay: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await reset();
    const { ms, stages: breakdown } = await uploadViaUi(files);
    ui.push(total / MB / (ms / 1000));
    for (const [stage, value] of Object.entries(breakdown)) (stages[stage] ??= []).push(value);
    await reset();
    const inits = await Promise.all(bytes.map((_, i) => api<InitResponse>(SANDBOX, '/v1/characters/uploads/init', { body: initBody(`base-${i}.png`, 'png') })));
    const t0 = performance.now();
    await pool(bytes, 3, (b, i) => put(inits[i]!.upload_url, b, 'image/png'));
    const seconds = (performance.now() - t0) / 1000;
    node.push(total / MB / seconds);
    ratio.push(ui.at(-1)! / node.at(-1)!);
    // The same PUTs from Node through the console server's relay: what the relay hop costs,
    // apart from the browser.
    await reset();
    const relayed = await Promise.all(
      bytes.map((_, i) => api<InitResponse>(CONSOLE, '/api/v1/characters/uploads/init', { key: false, body: initBody(`relay-${i}.png`, 'png') })),
    );
    const t1 = performance.now();
    await pool(bytes, 3, (b, i) => put(new URL(relayed[i]!.upload_url, CONSOLE).href, b, 'image/png'));
    viaRelay.push(total / MB / ((performance.now() - t1) / 1000));
  }
  record({ bench: 'upload', metric: 'UI drop → 6 classified', unit: 'MB/s', values: ui });
  record({ bench: 'upload', metric: 'Node PUT baseline (direct to storage)', unit: 'MB/s', values: node });
  record({ bench: 'upload', metric: 'throughput ratio UI / baseline', unit: '×', values: ratio, goal: '≥ 0.8', check: (m) => m >= 0.8 });
  record({ bench: 'upload', metric: 'Node PUT via the console relay', unit: 'MB/s', values: viaRelay });
  const stageNames: Record<string, string> = {
    prepare: 'per file: drop → hashed (worker pool)',
    queued: 'per file: hashed → upload slot free',
    init: 'per file: init',
    put: 'per file: PUT 9 MB via the relay',
    classify: 'per file: classify',
  };
  for (const [stage, values] of Object.entries(stages)) {
    record({ bench: 'upload', metric: stageNames[stage] ?? stage, unit: 'ms', values });
  }
}

// ---------------------------------------------------------------- 3. streaming memory

async function benchStreamingMemory() {
  console.log('\n3. Console server streaming memory (6 × 64 MB PUTs at once)');
  const payloads = Array.from({ length: 6 }, (_, i) => Buffer.alloc(64 * MB, 17 + i));
  // PNG magic up front, in case anything sniffs.
  for (const payload of payloads) noisyPng(64, 1).copy(payload, 0, 0, 8);
  const deltas: number[] = [];
  const idles: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // A fresh console server per run: memory a run leaves behind would inflate the next idle figure.
    const server = await startConsole();
    const pid = server.pid!;
    await reset();
    const inits = await Promise.all(payloads.map((_, i) => api<InitResponse>(CONSOLE, '/api/v1/characters/uploads/init', { key: false, body: initBody(`mem-${i}.png`, 'png') })));
    await sleep(300);
    const idle = statusKb(pid, 'VmRSS');
    writeFileSync(`/proc/${pid}/clear_refs`, '5'); // reset VmHWM to the current RSS
    let peak = idle;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, statusKb(pid, 'VmRSS'));
        await sleep(5);
      }
    })();
    await Promise.all(payloads.map((payload, i) => put(new URL(inits[i]!.upload_url, CONSOLE).href, payload, 'image/png')));
    sampling = false;
    await sampler;
    let hwm = NaN;
    try {
      hwm = statusKb(pid, 'VmHWM');
    } catch {
      /* ignore */
    }
    peak = Math.max(peak, Number.isNaN(hwm) ? 0 : hwm);
    idles.push(idle / 1024);
    deltas.push((peak - idle) / 1024);
    await stopConsole(server);
  }
  await reset();
  record({ bench: 'server memory', metric: 'idle RSS', unit: 'MB', values: idles });
  record({ bench: 'server memory', metric: 'peak RSS − idle while proxying 384 MB', unit: 'MB', values: deltas, goal: '< 64 MB', check: (m) => m < 64 });
}

// ---------------------------------------------------------------- 4. server overhead

interface Cannon {
  latency: { p50: number; p99: number };
  requests: { average: number };
  '2xx': number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}
function cannon(url: string, headers: Record<string, string>, seconds: number): Promise<Cannon> {
  return autocannon({ url, connections: 50, duration: seconds, headers }) as unknown as Promise<Cannon>;
}
async function benchOverhead() {
  console.log('\n4. Console server overhead (GET balance, 50 connections, 5 s each)');
  const seconds = 5;
  const out = { console: { p50: [] as number[], p99: [] as number[], rps: [] as number[], ok: [] as number[], limited: [] as number[] }, direct: { p50: [] as number[], p99: [] as number[], rps: [] as number[], ok: [] as number[], limited: [] as number[] } };
  const ratio = { p50: [] as number[], p99: [] as number[], rps: [] as number[] };
  // Warm both paths (JIT, keep-alive pools) before measuring.
  await reset();
  await cannon(`${CONSOLE}/api/v1/balance`, {}, 1);
  await cannon(`${SANDBOX}/v1/balance`, { 'X-Api-Key': KEY }, 1);
  for (let run = 0; run < RUNS; run++) {
    // The sandbox's `get` bucket (1200 burst, 600/min) answers 429 under this load; both sides are
    // reset first, so both see the same 1200 200s then 429s. A 429 is a complete JSON response from
    // the same auth + rate-limit path, so it is counted as a response.
    const order = run % 2 === 0 ? (['console', 'direct'] as const) : (['direct', 'console'] as const);
    for (const side of order) {
      await reset();
      const result = side === 'console' ? await cannon(`${CONSOLE}/api/v1/balance`, {}, seconds) : await cannon(`${SANDBOX}/v1/balance`, { 'X-Api-Key': KEY }, seconds);
      const target = out[side];
      target.p50.push(result.latency.p50);
      target.p99.push(result.latency.p99);
      target.rps.push(result.requests.average);
      target.ok.push(result['2xx']);
      target.limited.push(result.statusCodeStats?.['429']?.count ?? result.non2xx);
    }
    ratio.p50.push(out.console.p50.at(-1)! / Math.max(0.5, out.direct.p50.at(-1)!));
    ratio.p99.push(out.console.p99.at(-1)! / Math.max(0.5, out.direct.p99.at(-1)!));
    ratio.rps.push(out.console.rps.at(-1)! / out.direct.rps.at(-1)!);
  }
  await reset();
  for (const side of ['console', 'direct'] as const) {
    const label = side === 'console' ? 'via console /api/v1/balance' : 'direct sandbox /v1/balance';
    record({ bench: 'overhead', metric: `${label} p50`, unit: 'ms', values: out[side].p50 });
    record({ bench: 'overhead', metric: `${label} p99`, unit: 'ms', values: out[side].p99 });
    record({ bench: 'overhead', metric: `${label} req/s`, unit: 'req/s', values: out[side].rps });
    record({ bench: 'overhead', metric: `${label} 429s (of all responses)`, unit: 'count', values: out[side].limited, note: '429 from the get bucket counted as responses' });
  }
  record({ bench: 'overhead', metric: 'p50 ratio console / direct', unit: '×', values: ratio.p50 });
  record({ bench: 'overhead', metric: 'p99 ratio console / direct', unit: '×', values: ratio.p99 });
  record({ bench: 'overhead', metric: 'req/s ratio console / direct', unit: '×', values: ratio.rps });
}

// ---------------------------------------------------------------- 5. main-thread smoothness

async function benchSmoothness() {
  console.log('\n5. Main-thread smoothness (6 × 24 MP JPEG)');
  const base = largeJpeg();
  const files = Array.from({ length: 6 }, (_, i) => writeImage(`large-${i + 1}.jpg`, jpegVariant(base, i + 1)));
  console.log(`  (JPEG ${(base.length / MB).toFixed(1)} MB each, 6000×4000)`);
  const longest: number[] = [];
  const count: number[] = [];
  const blocking: number[] = [];
  const elapsed: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await reset();
    const { tasks, ms } = await uploadViaUi(files);
    elapsed.push(ms);
    longest.push(Math.max(0, ...tasks));
    count.push(tasks.length);
    blocking.push(tasks.reduce((n, d) => n + Math.max(0, d - 50), 0));
  }
  record({ bench: 'smoothness', metric: 'drop → all classified', unit: 'ms', values: elapsed });
  record({ bench: 'smoothness', metric: 'longest task, drop → all classified', unit: 'ms', values: longest, goal: '≤ 50 ms', check: (m) => m <= 50 });
  record({ bench: 'smoothness', metric: 'long tasks (> 50 ms)', unit: 'count', values: count, goal: '0', check: (m) => m === 0 });
  record({ bench: 'smoothness', metric: 'total blocking time', unit: 'ms', values: blocking });
}

// ---------------------------------------------------------------- 6. drop-to-badge latency

async function benchLatency() {
  console.log('\n6. Drop-to-badge latency (6 × 2 MB, concurrency 3)');
  const bytes = Array.from({ length: 6 }, (_, i) => noisyPng(2 * MB, 200 + i));
  const files = bytes.map((b, i) => writeImage(`latency-${i + 1}.png`, b));
  const ui: number[] = [];
  const node: number[] = [];
  const ratio: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await reset();
    ui.push((await uploadViaUi(files)).ms);
    await reset();
    const t0 = performance.now();
    await pool(bytes, 3, async (b, i) => {
      const init = await api<InitResponse>(SANDBOX, '/v1/characters/uploads/init', { body: initBody(`latency-${i + 1}.png`, 'png') });
      await put(init.upload_url, b, 'image/png');
      await api(SANDBOX, '/v1/characters/uploads/classify', { body: { upload_id: init.upload_id } });
    });
    node.push(performance.now() - t0);
    ratio.push(ui.at(-1)! / node.at(-1)!);
  }
  record({ bench: 'latency', metric: 'UI drop → last badge', unit: 'ms', values: ui });
  record({ bench: 'latency', metric: 'Node init→PUT→classify baseline', unit: 'ms', values: node });
  record({ bench: 'latency', metric: 'latency ratio UI / baseline', unit: '×', values: ratio });
}

// ---------------------------------------------------------------- 7. polling cost

const WINDOW_S = Number(process.env.BENCH_POLL_WINDOW_S ?? 20);
async function synthesizing(): Promise<string> {
  const character = await api<{ id: string }>(SANDBOX, '/v1/characters', {
    body: { name: 'Bench synth', generate: true, attributes: { gender: 'female', age: 30 } },
    headers: { 'Idempotency-Key': `bench-${Date.now()}-${Math.random()}` },
  });
  return character.id;
}
function countApiRequests(page: Page) {
  const counter = { n: 0 };
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) counter.n++;
  });
  return counter;
}
async function benchPolling() {
  console.log(`\n7. Polling cost (synthesis of 10 s; settled and hidden pages over ${WINDOW_S} s, ×${60 / WINDOW_S} to 60 s; the three pages run side by side)`);
  const synth: number[] = [];
  const settled: number[] = [];
  const hidden: number[] = [];
  const open = async (id: string) => {
    const page = await newPage();
    const counter = countApiRequests(page);
    await page.goto(`/characters/${id}`);
    await page.getByRole('heading', { name: 'Bench synth' }).waitFor();
    return { page, counter };
  };
  for (let run = 0; run < RUNS; run++) {
    await reset();
    // Synthesis time is fixed when it starts, so three characters with three delays can coexist.
    await sandboxControl('config', { synth_delay_ms: 0 });
    const done = await synthesizing();
    await sandboxControl('config', { synth_delay_ms: 600_000 });
    const busy = await synthesizing();
    await sandboxControl('config', { synth_delay_ms: 10_000 });
    const started = performance.now();
    const ten = await synthesizing();
    // a) a page open on a character that synthesizes for a known 10 s, counted until 2 s after it lands.
    const a = await open(ten);
    // b) a settled character: requests after its first load.
    const b = await open(done);
    // c) a hidden tab showing a character that is still synthesizing (it would poll if visible).
    const c = await open(busy);
    await c.page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('blur'));
    });
    await sleep(500);
    b.counter.n = 0;
    c.counter.n = 0;
    const windowStart = performance.now();
    await sleep(Math.max(0, 12_000 - (performance.now() - started)));
    synth.push(a.counter.n);
    await sleep(Math.max(0, WINDOW_S * 1000 - (performance.now() - windowStart)));
    settled.push((b.counter.n * 60) / WINDOW_S);
    hidden.push((c.counter.n * 60) / WINDOW_S);
    for (const x of [a, b, c]) await x.page.context().close();
  }
  await reset();
  record({ bench: 'polling', metric: 'requests while synthesizing 10 s (page open ≈12 s)', unit: 'req', values: synth });
  record({ bench: 'polling', metric: 'settled character page, per 60 s', unit: 'req', values: settled, goal: '0', check: (m) => m === 0, note: `measured over ${WINDOW_S} s, ×${60 / WINDOW_S}` });
  record({ bench: 'polling', metric: 'hidden tab (synthesizing), per 60 s', unit: 'req', values: hidden, goal: '0', check: (m) => m === 0, note: `measured over ${WINDOW_S} s, ×${60 / WINDOW_S}; hidden by overriding document.visibilityState` });
}

// ---------------------------------------------------------------- 8. library at scale

async function seedCharacters(count: number) {
  const tiny = noisyPng(64 * 4 * 4, 7); // small real PNG (4×4-ish)
  const batch = 29; // 2 characters_post tokens each (init + create) out of a 60-token bucket
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    await pool(Array.from({ length: n }, (_, i) => done + i), 8, async (index) => {
      const init = await api<InitResponse>(SANDBOX, '/v1/characters/uploads/init', { body: initBody(`seed-${index}-front.png`, 'png') });
      await put(init.upload_url, tiny, 'image/png');
      await api(SANDBOX, '/v1/characters', {
        body: { name: `Seeded ${String(index).padStart(4, '0')}`, upload_ids: [init.upload_id] },
        headers: { 'Idempotency-Key': `seed-${index}-${Date.now()}` },
      });
    });
    await sandboxControl('clock', { advance_ms: 130_000 }); // refill the characters_post bucket
  }
}
async function benchLibrary() {
  console.log('\n8. Library at scale (1,000 characters)');
  await reset();
  const t = performance.now();
  await seedCharacters(1000);
  console.log(`  (seeded in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  const firstRender: number[] = [];
  const scrollLongest: number[] = [];
  const scrollCount: number[] = [];
  const scrollTbt: number[] = [];
  const scrollTime: number[] = [];
  const rendered: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await newPage();
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      w.__first = null;
      const tasks: number[] = [];
      w.__tasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
      const observer = new MutationObserver(() => {
        if (document.querySelector('ul[aria-label="Characters"] > li')) {
          w.__first = performance.now();
          observer.disconnect();
        }
      });
      document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));
    });
    await page.goto('/characters');
    await page.waitForFunction(() => (window as unknown as { __first: number | null }).__first !== null, null, { timeout: 30_000 });
    firstRender.push(await page.evaluate(() => (window as unknown as { __first: number }).__first));
    await page.evaluate(() => ((window as unknown as { __tasks: number[] }).__tasks.length = 0));
    const t0 = performance.now();
    const more = page.getByRole('button', { name: 'Load more' });
    const items = page.locator('ul[aria-label="Characters"] > li');
    for (let guard = 0; guard < 100; guard++) {
      await page.mouse.wheel(0, 100_000);
      if (!(await more.isVisible())) {
        // maybe still fetching ("Loading…"), or at the end
        await sleep(100);
        if (!(await more.isVisible()) && !(await page.getByRole('button', { name: 'Loading…' }).isVisible())) break;
        continue;
      }
      const before = await items.count();
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('ul[aria-label="Characters"] > li').length > n, before, { timeout: 15_000 });
    }
    await page.mouse.wheel(0, 100_000);
    await sleep(300);
    scrollTime.push(performance.now() - t0);
    rendered.push(await items.count());
    const tasks = await page.evaluate(() => (window as unknown as { __tasks: number[] }).__tasks);
    scrollLongest.push(Math.max(0, ...tasks));
    scrollCount.push(tasks.length);
    scrollTbt.push(tasks.reduce((n, d) => n + Math.max(0, d - 50), 0));
    await page.context().close();
  }
  record({ bench: 'library', metric: 'time to first card (from navigation)', unit: 'ms', values: firstRender });
  record({ bench: 'library', metric: 'items in the DOM at the end', unit: 'count', values: rendered });
  record({ bench: 'library', metric: 'scroll to end with Load more (wall)', unit: 'ms', values: scrollTime });
  record({ bench: 'library', metric: 'longest task while scrolling', unit: 'ms', values: scrollLongest, goal: '≤ 50 ms', check: (m) => m <= 50 });
  record({ bench: 'library', metric: 'long tasks while scrolling', unit: 'count', values: scrollCount });
  record({ bench: 'library', metric: 'total blocking time while scrolling', unit: 'ms', values: scrollTbt });
}

// ---------------------------------------------------------------- main

function printTable() {
  const header = ['benchmark', 'metric', 'median', 'min', 'max', 'unit', 'n', 'goal'];
  const body = rows.map((row) => [
    row.bench,
    row.metric,
    fmt(median(row.values)),
    fmt(Math.min(...row.values)),
    fmt(Math.max(...row.values)),
    row.unit,
    String(row.values.length),
    row.goal ? `${row.goal} ${row.met ? 'met' : 'MISSED'}` : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of body) console.log(line(r));
}

async function main() {
  const started = performance.now();
  const only = process.env.BENCH_ONLY?.split(',');
  const want = (name: string) => !only || only.includes(name);
  if (!process.env.BENCH_SKIP_BUILD || !existsSync(path.join(OUT_DIR, '.vite/manifest.json'))) {
    console.log('Building into bench/.dist …');
    const build = spawnSync('npx', ['vite', 'build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  let bundle: unknown = null;
  if (want('bundle')) bundle = benchBundle();

  start('sandbox/main.ts', { SANDBOX_PORT: String(SANDBOX_PORT) }, 'sandbox');
  await waitFor(`${SANDBOX}/_sandbox/stats`);
  browser = await chromium.launch({
    executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    if (want('memory')) await benchStreamingMemory();
    // A fresh console server for the rest.
    await startConsole();
    if (want('overhead')) await benchOverhead();
    if (want('upload')) await benchUploadThroughput();
    if (want('latency')) await benchLatency();
    if (want('smoothness')) await benchSmoothness();
    if (want('polling')) await benchPolling();
    if (want('library')) await benchLibrary();
  } finally {
    await browser.close();
    stopAll();
  }
  printTable();
  const elapsed = (performance.now() - started) / 1000;
  console.log(`\n${RUNS} runs per benchmark (bundle: 1, deterministic) · ${elapsed.toFixed(0)} s in all`);
  const results = {
    date: new Date().toISOString(),
    runs: RUNS,
    elapsed_s: Math.round(elapsed),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    bundle,
    rows: rows.map((row) => ({ ...row, median: median(row.values), min: Math.min(...row.values), max: Math.max(...row.values) })),
  };
  writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('Wrote bench/results.json');
}

main().catch((error: unknown) => {
  console.error(error);
  stopAll();
  process.exit(1);
});
