/** 4. Console server overhead: autocannon against the console proxy and the sandbox directly. */
import autocannon from 'autocannon';
import { CONSOLE, KEY, RUNS, SANDBOX } from '../lib/config';
import { reset } from '../lib/http';
import { record } from '../lib/results';

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
export async function benchOverhead() {
  console.log('\n4. Console server overhead (GET balance, 50 connections, 5 s each)');
  const seconds = 5;
  const out = {
    console: { p50: [] as number[], p99: [] as number[], rps: [] as number[], ok: [] as number[], limited: [] as number[] },
    direct: { p50: [] as number[], p99: [] as number[], rps: [] as number[], ok: [] as number[], limited: [] as number[] },
  };
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
      const result =
        side === 'console'
          ? await cannon(`${CONSOLE}/api/v1/balance`, {}, seconds)
          : await cannon(`${SANDBOX}/v1/balance`, { 'X-Api-Key': KEY }, seconds);
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
    record({
      bench: 'overhead',
      metric: `${label} 429s (of all responses)`,
      unit: 'count',
      values: out[side].limited,
      note: '429 from the get bucket counted as responses',
    });
  }
  record({ bench: 'overhead', metric: 'p50 ratio console / direct', unit: '×', values: ratio.p50 });
  record({ bench: 'overhead', metric: 'p99 ratio console / direct', unit: '×', values: ratio.p99 });
  record({ bench: 'overhead', metric: 'req/s ratio console / direct', unit: '×', values: ratio.rps });
}
