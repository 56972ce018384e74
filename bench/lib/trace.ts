/**
 * `BENCH_TRACE=<dir>`: a Chromium performance trace of each UI upload (devtools timeline and the
 * JS sampling profiler), written as <dir>/<name>-<n>.json (open it in the DevTools Performance
 * panel), and a summary of every main-thread task over 50 ms: what it spent its time in
 * (the trace events directly inside the task, by total duration) and the JS functions sampled
 * in it (self time).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'disabled-by-default-v8.cpu_profiler',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'toplevel',
  'v8',
].join(',');

export const traceDir = process.env.BENCH_TRACE ?? '';
let count = 0;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  tdur?: number;
  args?: Record<string, unknown> & {
    name?: string;
    data?: {
      cpuProfile?: {
        nodes?: { id: number; parent?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
        samples?: number[];
      };
      timeDeltas?: number[];
    };
  };
}

/** The light trace the smoothness benchmark always takes: tasks with their wall and thread (CPU) time, no profiler. */
const LIGHT = ['toplevel', 'devtools.timeline'];

/** Start tracing: the full trace with BENCH_TRACE, else the light one when `light`, else nothing. */
export async function startTrace(browser: Browser, page: Page, light = false): Promise<boolean> {
  if (!traceDir && !light) return false;
  await browser.startTracing(page, { categories: traceDir ? CATEGORIES.split(',') : LIGHT, screenshots: false });
  return true;
}

export interface MainThreadFigures {
  /** The longest main-thread task: wall time and the thread's own CPU time in it (ms). */
  longestWall: number;
  longestWallCpu: number;
  /** The most CPU any one main-thread task used (ms): what the page itself asks of the thread, whatever the machine's load. */
  longestCpu: number;
  /** Main-thread CPU over the whole trace, and its wall time in tasks (ms). */
  cpu: number;
  wall: number;
}

/** Stop; with BENCH_TRACE save the trace and print its long tasks with what they did. */
export async function stopTrace(browser: Browser, name: string): Promise<MainThreadFigures> {
  const buffer = await browser.stopTracing();
  const raw = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
  if (traceDir) {
    mkdirSync(traceDir, { recursive: true });
    const file = path.join(traceDir, `${name}-${++count}.json`);
    writeFileSync(file, buffer);
    console.log(`  trace: ${file}`);
    for (const line of summarise(raw)) console.log(`    ${line}`);
  }
  return mainThreadFigures(raw);
}

/** Top-level tasks of the busiest renderer main thread (the page's). */
function mainThreadFigures(raw: { traceEvents: TraceEvent[] } | TraceEvent[]): MainThreadFigures {
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  const mains = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const key = `${event.pid}:${event.tid}`;
    if (!mains.has(key) || event.ph !== 'X' || !(event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask')) continue;
    byThread.set(key, [...(byThread.get(key) ?? []), event]);
  }
  const busiest = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  busiest.sort((a, b) => a.ts - b.ts);
  const figures: MainThreadFigures = { longestWall: 0, longestWallCpu: 0, longestCpu: 0, cpu: 0, wall: 0 };
  let until = -1;
  for (const task of busiest) {
    if (task.ts < until) continue;
    until = task.ts + (task.dur ?? 0);
    const wall = (task.dur ?? 0) / 1000;
    const cpu = (task.tdur ?? 0) / 1000;
    figures.cpu += cpu;
    figures.wall += wall;
    figures.longestCpu = Math.max(figures.longestCpu, cpu);
    if (wall > figures.longestWall) Object.assign(figures, { longestWall: wall, longestWallCpu: cpu });
  }
  return figures;
}

export function summarise(raw: { traceEvents: TraceEvent[] } | TraceEvent[]): string[] {
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  const threadName = new Map<string, string>();
  for (const event of events) if (event.name === 'thread_name') threadName.set(`${event.pid}:${event.tid}`, String(event.args?.name));
  const mains = [...threadName].filter(([, name]) => name === 'CrRendererMain').map(([key]) => key);
  const lines: string[] = [];
  for (const main of mains) {
    const onMain = events.filter((event) => `${event.pid}:${event.tid}` === main && event.ph === 'X').sort((a, b) => a.ts - b.ts);
    // Top-level tasks only (a RunTask inside another is the same task seen twice).
    const runs = onMain.filter((event) => event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask');
    let until = -1;
    const tasks = runs.filter((event) => {
      if (event.ts < until) return false;
      until = event.ts + (event.dur ?? 0);
      return (event.dur ?? 0) > 50_000;
    });
    if (!tasks.length) continue;
    const samples = cpuSamples(events, main);
    for (const task of tasks) {
      const end = task.ts + task.dur!;
      const inside = onMain.filter((event) => event !== task && event.ts >= task.ts && event.ts + (event.dur ?? 0) <= end);
      const byName = new Map<string, number>();
      for (const event of inside) {
        const label = event.name === 'FunctionCall' || event.name === 'EventDispatch' ? `${event.name} ${describe(event)}` : event.name;
        byName.set(label, (byName.get(label) ?? 0) + (event.dur ?? 0));
      }
      const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 12);
      lines.push(`task ${(task.dur! / 1000).toFixed(0)} ms at +${((task.ts - onMain[0]!.ts) / 1000).toFixed(0)} ms:`);
      for (const [label, dur] of top) lines.push(`  ${(dur / 1000).toFixed(1).padStart(7)} ms  ${label}`);
      const functions = new Map<string, number>();
      for (const sample of samples)
        if (sample.ts >= task.ts && sample.ts <= end) functions.set(sample.fn, (functions.get(sample.fn) ?? 0) + sample.ms);
      const hot = [...functions].sort((a, b) => b[1] - a[1]).slice(0, 10);
      if (hot.length) lines.push(`  JS self time (sampled): ${hot.map(([fn, ms]) => `${fn} ${ms.toFixed(1)}`).join(' · ')}`);
    }
  }
  return lines.length ? lines : ['no main-thread task over 50 ms in the trace'];
}

function describe(event: TraceEvent): string {
  const data = (event.args?.data ?? {}) as Record<string, unknown>;
  const where = [data.type, data.functionName, typeof data.url === 'string' ? data.url.split('/').pop() : undefined, data.lineNumber]
    .filter((part) => part !== undefined && part !== '')
    .join(' ');
  return where;
}

/** The sampling profiler's samples on one thread: time, and the leaf function (self time). */
function cpuSamples(events: TraceEvent[], thread: string): { ts: number; fn: string; ms: number }[] {
  const [pid] = thread.split(':').map(Number);
  const profiles = new Map<string, { start: number; nodes: Map<number, string>; samples: number[]; deltas: number[] }>();
  for (const event of events) {
    if (event.pid !== pid) continue;
    if (event.name === 'Profile' && `${event.pid}:${event.tid}` === thread) {
      profiles.set(String(event.id), {
        start: Number((event.args?.data as { startTime?: number })?.startTime ?? event.ts),
        nodes: new Map(),
        samples: [],
        deltas: [],
      });
    }
  }
  for (const event of events) {
    if (event.name !== 'ProfileChunk' || event.pid !== pid) continue;
    const profile = profiles.get(String(event.id));
    if (!profile) continue;
    const data = event.args?.data;
    for (const node of data?.cpuProfile?.nodes ?? []) {
      const { functionName, url, lineNumber } = node.callFrame;
      profile.nodes.set(node.id, `${functionName || '(anon)'}${url ? `@${url.split('/').pop()}:${lineNumber}` : ''}`);
    }
    profile.samples.push(...(data?.cpuProfile?.samples ?? []));
    profile.deltas.push(...(data?.timeDeltas ?? []));
  }
  const out: { ts: number; fn: string; ms: number }[] = [];
  for (const profile of profiles.values()) {
    let ts = profile.start;
    profile.samples.forEach((node, index) => {
      const delta = profile.deltas[index] ?? 0;
      ts += delta;
      const next = profile.deltas[index + 1] ?? 0;
      out.push({ ts, fn: profile.nodes.get(node) ?? String(node), ms: next / 1000 });
    });
  }
  return out;
}
