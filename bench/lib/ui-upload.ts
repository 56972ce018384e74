/** Uploads through the console's UI, timed in the page, with a per-stage breakdown. */
import type { Page } from '@playwright/test';
import { newPage, sharedBrowser } from './browser';
import { startTrace, stopTrace } from './trace';
import { median } from './results';

/** In the page: record long tasks, the time of the file input's change, and when `n` items are classified. */
async function armUploadProbe(page: Page, count: number) {
  await page.evaluate((n) => {
    const w = window as unknown as Record<string, unknown>;
    const tasks: number[] = [];
    const taskStarts: number[] = [];
    w.__tasks = tasks;
    w.__taskStarts = taskStarts;
    w.__t0 = null;
    w.__t1 = null;
    w.__tFirst = null;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        tasks.push(entry.duration);
        taskStarts.push(entry.startTime);
      }
    }).observe({ type: 'longtask' });
    document.addEventListener('change', () => (w.__t0 ??= performance.now()), true);
    const timer = setInterval(() => {
      const done = [...document.querySelectorAll('li[aria-label]')].filter((li) => li.textContent?.includes('Classified')).length;
      if (w.__t0 !== null && done >= 1) w.__tFirst ??= performance.now();
      if (w.__t0 !== null && done >= n) {
        w.__t1 = performance.now();
        clearInterval(timer);
      }
    }, 10);
  }, count);
}
/** One upload through the UI, in a fresh browser context (the queue persists in session storage). */
export async function uploadViaUi(files: string[], timeoutMs = 120_000, base?: string, options: { trace?: boolean } = {}) {
  const page = await newPage(base);
  await page.goto('/');
  await page.getByLabel('Choose reference images').waitFor({ state: 'attached' });
  await armUploadProbe(page, files.length);
  const tracing = await startTrace(sharedBrowser(), page, options.trace);
  await page.getByLabel('Choose reference images').setInputFiles(files);
  await page.waitForFunction(() => (window as unknown as { __t1: number | null }).__t1 !== null, null, { timeout: timeoutMs, polling: 50 });
  const mainThread = tracing ? await stopTrace(sharedBrowser(), 'upload') : null;
  const { t0, t1, tFirst, tasks, taskStarts, marks } = await page.evaluate(() => {
    const w = window as unknown as { __t0: number; __t1: number; __tFirst: number; __tasks: number[]; __taskStarts: number[] };
    const marks = performance
      .getEntriesByType('mark')
      .filter((entry) => entry.name.startsWith('aurous:'))
      .map((entry) => ({ stage: entry.name.slice(7), id: String((entry as PerformanceMark).detail), at: entry.startTime }));
    return { t0: w.__t0, t1: w.__t1, tFirst: w.__tFirst, tasks: w.__tasks, taskStarts: w.__taskStarts, marks };
  });
  await page.context().close();
  if (process.env.BENCH_MARKS) {
    printTimeline(marks, t0);
    const long = tasks.map((ms, i) => `${ms.toFixed(0)} ms at +${((taskStarts[i] ?? 0) - t0).toFixed(0)}`);
    console.log(`    long tasks: ${long.join(' · ') || 'none'}`);
  }
  return { ms: t1 - t0, firstMs: tFirst - t0, tasks, stages: stageBreakdown(marks, t0), mainThread };
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

/** `BENCH_MARKS=1`: each file's stage marks, in ms after the drop (to see what waits on what). */
function printTimeline(marks: { stage: string; id: string; at: number }[], t0: number) {
  const byFile = new Map<string, string[]>();
  for (const { stage, id, at } of marks) byFile.set(id, [...(byFile.get(id) ?? []), `${stage} ${(at - t0).toFixed(0)}`]);
  for (const [id, line] of byFile) console.log(`    ${id.slice(-4)}: ${line.join(' · ')}`);
}
