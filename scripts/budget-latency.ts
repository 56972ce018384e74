/**
 * What the team's rate budget costs a proxied request: 500 sequential GET /api/v1/balance through
 * the console's proxy (in process, in-process sandbox, in-memory PGlite), with and without the
 * budget, interleaved so machine load hits both alike. `npx tsx scripts/budget-latency.ts`.
 */
import { SANDBOX_TEAM_A_KEY } from '../contract/sandbox';
import { createSandbox } from '../sandbox/app';
import { createConsoleApp } from '../server/app';
import { openDatabase } from '../server/db/database';
import { createRateBudget } from '../server/rate-budget';
import { withRateBudget, type Upstream } from '../server/upstream';
const upstreamOf = (): Upstream => {
  const sandbox = createSandbox();
  return { kind: 'aurous', apiKey: SANDBOX_TEAM_A_KEY, baseUrl: () => 'http://sandbox.test', fetch: async (r) => sandbox.app.fetch(r) };
};
const db = await openDatabase({ dataDir: null });
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)]!;
const bare = createConsoleApp({ upstream: upstreamOf() });
const budgeted = createConsoleApp({ upstream: withRateBudget(upstreamOf(), createRateBudget({ db: db.db, teamKey: 'm' })) });
const once = async (app: typeof bare) => {
  const t = performance.now();
  const r = await app.fetch(new Request('http://127.0.0.1/api/v1/balance', { headers: { Host: '127.0.0.1' } }));
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(String(r.status));
  return performance.now() - t;
};
const a: number[] = [],
  b: number[] = [];
for (let i = 0; i < 520; i++) {
  const x = await once(bare);
  const y = await once(budgeted);
  if (i >= 20) {
    a.push(x);
    b.push(y);
  }
}
console.log(
  `500 sequential GET /api/v1/balance, interleaved. without: p50 ${q(a, 0.5).toFixed(3)} p95 ${q(a, 0.95).toFixed(3)} ms; with budget: p50 ${q(b, 0.5).toFixed(3)} p95 ${q(b, 0.95).toFixed(3)} ms; added p50 ${(q(b, 0.5) - q(a, 0.5)).toFixed(3)} ms`,
);
await db.close();
