/**
 * 4. Console server overhead: autocannon against the console proxy and the sandbox directly.
 *
 * Since the team features every console call is a signed-in person's (session, scope) and takes
 * its token from the team's rate budget. Both sides are measured below the API's limits, where a
 * person's call is answered (not queued or 429ed): the sandbox's `get` bucket is full before each
 * round (1200 burst) and a round sends 1100 calls; the bench console runs with a `get` tier as
 * large (CONSOLE_RATE_LIMITS), so its budget does every call's work without queueing.
 */
import autocannon from 'autocannon';
import type { EventEmitter } from 'node:events';
import { CONSOLE, KEY, RUNS, SANDBOX } from '../lib/config';
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
  await reset();
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
