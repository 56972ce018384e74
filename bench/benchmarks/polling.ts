/** 7. Polling cost: API requests from synthesizing, settled and hidden character pages. */
import type { Page } from '@playwright/test';
import { RUNS, SANDBOX } from '../lib/config';
import { sleep } from '../lib/async';
import { newPage } from '../lib/browser';
import { api, reset, sandboxControl } from '../lib/http';
import { record } from '../lib/results';

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
export async function benchPolling() {
  console.log(
    `\n7. Polling cost (synthesis of 10 s; settled and hidden pages over ${WINDOW_S} s, ×${60 / WINDOW_S} to 60 s; the three pages run side by side)`,
  );
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
  record({
    bench: 'polling',
    metric: 'settled character page, per 60 s',
    unit: 'req',
    values: settled,
    goal: '0',
    check: (m) => m === 0,
    note: `measured over ${WINDOW_S} s, ×${60 / WINDOW_S}`,
  });
  record({
    bench: 'polling',
    metric: 'hidden tab (synthesizing), per 60 s',
    unit: 'req',
    values: hidden,
    goal: '0',
    check: (m) => m === 0,
    note: `measured over ${WINDOW_S} s, ×${60 / WINDOW_S}; hidden by overriding document.visibilityState`,
  });
}
