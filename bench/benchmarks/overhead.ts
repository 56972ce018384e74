/**
 * 4. Console server overhead: autocannon against the console proxy and the sandbox directly.
 *
 * Since the team features every console call is a signed-in person's (session, scope) and takes
 * its token from the team's rate budget. Both sides are measured below the API's limits, where a
 * person's call is answered (not queued or 429ed): the sandbox's `get` bucket is full before each
 * round (1200 burst) and a round sends 1100 calls; the bench console runs with a `get` tier as
 * large (CONSOLE_RATE_LIMITS), so its budget does every call's work without queueing.
 *
 * With 50 connections on the machine's two cores, p50 is mostly the queue (Little's law: 50 ÷
 * req/s), so its ratio is the throughput ratio again. What one person feels is the time a call takes
 * when nothing else is waiting: the "one caller" rounds send calls one after another, and the
 * difference is what the console's hop adds to each call. Then the same on the link benchmark's
 * emulated home line (40 ms round trip), in front of each side: the share of a call people wait for
 * that is the console's.
 */
import autocannon from 'autocannon';
import type { EventEmitter } from 'node:events';
import { CONSOLE, CONSOLE_PORT, KEY, LINK_PORT, RUNS, SANDBOX, SANDBOX_PORT } from '../lib/config';
import { startThrottleProxy } from '../lib/throttle-proxy';
import { HOME_LINK } from './link';
import { reset } from '../lib/http';
import { consoleCookie, consoleCpuMs, consoleDatabaseKind } from '../lib/processes';
import { median, record } from '../lib/results';

interface Cannon {
  latency: { p50: number; p99: number };
  requests: { total: number };
  /** Milliseconds from the start to the last answer (autocannon's own `duration` runs to its next one-second tick). */
  elapsedMs: number;
  '2xx': number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}
const CALLS = 1100;
const ROUNDS = 3;
async function cannon(url: string, headers: Record<string, string>, amount: number): Promise<Cannon> {
  const started = performance.now();
  let last = started;
  // autocannon notices the last answer only at its next one-second tick; the last answer's time is ours.
  // Without a callback autocannon answers its tracker (an EventEmitter) made thenable.
  const instance = autocannon({ url, connections: 50, amount, headers }) as unknown as Promise<Omit<Cannon, 'elapsedMs'>> & EventEmitter;
  instance.on('response', () => {
    last = performance.now();
  });
  const result = await instance;
  return { ...result, elapsedMs: last - started };
}
const SOLO_CALLS = 300;
/** Calls one after another on one keep-alive connection: the median time of one call, in ms. */
async function oneAtATime(url: string, headers: Record<string, string>, calls = SOLO_CALLS): Promise<number> {
  const times: number[] = [];
  for (let call = 0; call < calls; call++) {
    const started = performance.now();
    const answer = await fetch(url, { headers });
    await answer.arrayBuffer();
    if (answer.status !== 200) throw new Error(`overhead: ${url} answered ${answer.status} to one caller`);
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function benchOverhead() {
  console.log(
    `\n4. Console server overhead (GET balance, 50 connections, ${CALLS} calls a round below the limits, ${ROUNDS} rounds a run; console on ${consoleDatabaseKind()})`,
  );
  const side = {
    console: () => cannon(`${CONSOLE}/api/v1/balance`, { Cookie: consoleCookie() }, CALLS),
    direct: () => cannon(`${SANDBOX}/v1/balance`, { 'X-Api-Key': KEY }, CALLS),
  };
  const out = {
    console: { p50: [] as number[], p99: [] as number[], rps: [] as number[] },
    direct: { p50: [] as number[], p99: [] as number[], rps: [] as number[] },
  };
  const ratio = { p50: [] as number[], p99: [] as number[], rps: [] as number[] };
  // The console process's CPU per proxied request (session, scope, budget, one upstream call).
  const cpuPerRequest: number[] = [];
  // Warm both paths (JIT, keep-alive pools) before measuring.
  for (const name of ['console', 'direct'] as const) {
    await reset();
    await side[name]();
  }
  for (let run = 0; run < RUNS; run++) {
    const rounds = { console: [] as Cannon[], direct: [] as Cannon[] };
    const cpu: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = (run + round) % 2 === 0 ? (['console', 'direct'] as const) : (['direct', 'console'] as const);
      for (const name of order) {
        await reset();
        const cpu0 = consoleCpuMs();
        const result = await side[name]();
        if (name === 'console') cpu.push((consoleCpuMs() - cpu0) / result.requests.total);
        const refused = Object.keys(result.statusCodeStats ?? {}).filter((code) => code !== '200');
        if (refused.length) throw new Error(`overhead: ${name} answered ${refused.join(', ')} below the limits`);
        rounds[name].push(result);
      }
    }
    for (const name of ['console', 'direct'] as const) {
      out[name].p50.push(median(rounds[name].map((r) => r.latency.p50)));
      out[name].p99.push(median(rounds[name].map((r) => r.latency.p99)));
      out[name].rps.push(median(rounds[name].map((r) => (r.requests.total * 1000) / r.elapsedMs)));
    }
    cpuPerRequest.push(median(cpu));
    ratio.p50.push(out.console.p50.at(-1)! / Math.max(0.5, out.direct.p50.at(-1)!));
    ratio.p99.push(out.console.p99.at(-1)! / Math.max(0.5, out.direct.p99.at(-1)!));
    ratio.rps.push(out.console.rps.at(-1)! / out.direct.rps.at(-1)!);
  }
  const solo = { console: [] as number[], direct: [] as number[], added: [] as number[], ratio: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 === 0 ? (['console', 'direct'] as const) : (['direct', 'console'] as const);
    const p50 = { console: 0, direct: 0 };
    for (const name of order) {
      await reset();
      p50[name] =
        name === 'console'
          ? await oneAtATime(`${CONSOLE}/api/v1/balance`, { Cookie: consoleCookie() })
          : await oneAtATime(`${SANDBOX}/v1/balance`, { 'X-Api-Key': KEY });
    }
    solo.console.push(p50.console);
    solo.direct.push(p50.direct);
    solo.added.push(p50.console - p50.direct);
    solo.ratio.push(p50.console / p50.direct);
  }
  // The same over the emulated line, a proxy in front of each side.
  const LINK_CALLS = 100;
  const linked = { console: [] as number[], direct: [] as number[], ratio: [] as number[] };
  const proxies = await Promise.all([
    startThrottleProxy(LINK_PORT, CONSOLE_PORT, HOME_LINK),
    startThrottleProxy(LINK_PORT + 1, SANDBOX_PORT, HOME_LINK),
  ]);
  try {
    for (let run = 0; run < RUNS; run++) {
      await reset();
      const viaConsole = await oneAtATime(`http://127.0.0.1:${LINK_PORT}/api/v1/balance`, { Cookie: consoleCookie() }, LINK_CALLS);
      await reset();
      const direct = await oneAtATime(`http://127.0.0.1:${LINK_PORT + 1}/v1/balance`, { 'X-Api-Key': KEY }, LINK_CALLS);
      linked.console.push(viaConsole);
      linked.direct.push(direct);
      linked.ratio.push(viaConsole / direct);
    }
  } finally {
    await Promise.all(proxies.map((proxy) => proxy.close()));
  }
  await reset();
  const line = `${HOME_LINK.rttMs} ms round trip`;
  record({ bench: 'overhead', metric: `one caller, ${line}: via console p50`, unit: 'ms', values: linked.console });
  record({ bench: 'overhead', metric: `one caller, ${line}: direct sandbox p50`, unit: 'ms', values: linked.direct });
  record({ bench: 'overhead', metric: `one caller, ${line}: p50 ratio console / direct`, unit: '×', values: linked.ratio });
  record({ bench: 'overhead', metric: `one caller: via console p50 (${SOLO_CALLS} calls in a row)`, unit: 'ms', values: solo.console });
  record({ bench: 'overhead', metric: 'one caller: direct sandbox p50', unit: 'ms', values: solo.direct });
  record({ bench: 'overhead', metric: 'one caller: what the console adds to a call', unit: 'ms', values: solo.added });
  record({ bench: 'overhead', metric: 'one caller: p50 ratio console / direct', unit: '×', values: solo.ratio });
  for (const name of ['console', 'direct'] as const) {
    const label = name === 'console' ? 'via console /api/v1/balance' : 'direct sandbox /v1/balance';
    record({ bench: 'overhead', metric: `${label} p50`, unit: 'ms', values: out[name].p50 });
    record({ bench: 'overhead', metric: `${label} p99`, unit: 'ms', values: out[name].p99 });
    record({ bench: 'overhead', metric: `${label} req/s`, unit: 'req/s', values: out[name].rps });
  }
  record({ bench: 'overhead', metric: 'console CPU per proxied request', unit: 'ms', values: cpuPerRequest });
  record({
    bench: 'overhead',
    metric: 'p50 ratio console / direct',
    unit: '×',
    values: ratio.p50,
    goal: '≤ 1.25',
    check: (m) => m <= 1.25,
  });
  record({ bench: 'overhead', metric: 'p99 ratio console / direct', unit: '×', values: ratio.p99 });
  record({
    bench: 'overhead',
    metric: 'req/s ratio console / direct',
    unit: '×',
    values: ratio.rps,
    goal: '≥ 0.8',
    check: (m) => m >= 0.8,
  });
}
