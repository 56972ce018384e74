/** 8. Library at scale: first render and scrolling through 1,000 characters. */
import { RUNS, SANDBOX } from '../lib/config';
import { pool, sleep } from '../lib/async';
import { newPage } from '../lib/browser';
import { api, initBody, put, reset, sandboxControl, type InitResponse } from '../lib/http';
import { record } from '../lib/results';
import { noisyPng } from '../images';

async function seedCharacters(count: number) {
  const tiny = noisyPng(64 * 4 * 4, 7); // small real PNG (4×4-ish)
  const batch = 29; // 2 characters_post tokens each (init + create) out of a 60-token bucket
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    await pool(
      Array.from({ length: n }, (_, i) => done + i),
      8,
      async (index) => {
        const init = await api<InitResponse>(SANDBOX, '/v1/characters/uploads/init', { body: initBody(`seed-${index}-front.png`, 'png') });
        await put(init.upload_url, tiny, 'image/png');
        await api(SANDBOX, '/v1/characters', {
          body: { name: `Seeded ${String(index).padStart(4, '0')}`, upload_ids: [init.upload_id] },
          headers: { 'Idempotency-Key': `seed-${index}-${Date.now()}` },
        });
      },
    );
    await sandboxControl('clock', { advance_ms: 130_000 }); // refill the characters_post bucket
  }
}
export async function benchLibrary() {
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
      await page.waitForFunction((n) => document.querySelectorAll('ul[aria-label="Characters"] > li').length > n, before, {
        timeout: 15_000,
      });
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
  record({
    bench: 'library',
    metric: 'longest task while scrolling',
    unit: 'ms',
    values: scrollLongest,
    goal: '≤ 50 ms',
    check: (m) => m <= 50,
  });
  record({ bench: 'library', metric: 'long tasks while scrolling', unit: 'count', values: scrollCount });
  record({ bench: 'library', metric: 'total blocking time while scrolling', unit: 'ms', values: scrollTbt });
}
