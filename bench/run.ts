/**
 * `npm run bench`: builds the console into bench/.dist, starts the standalone sandbox and the
 * console server (AUROUS_API_BASE → the sandbox, so the server's memory is its own), runs the
 * eight benchmarks of issue 7, then the team-traffic benchmark of issue 15 (its own sandbox, two
 * console copies and a PostgreSQL), prints a table (median, min, max) and writes bench/results.json.
 * Every machine-dependent figure is reported next to a baseline measured in the same run.
 * A subset: `BENCH_ONLY=polling,team` or `npm run bench -- team`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchBundle } from './benchmarks/bundle';
import { benchLatency } from './benchmarks/latency';
import { benchLink } from './benchmarks/link';
import { benchLibrary } from './benchmarks/library';
import { benchStreamingMemory } from './benchmarks/memory';
import { benchOverhead } from './benchmarks/overhead';
import { benchPolling } from './benchmarks/polling';
import { benchRelay } from './benchmarks/relay';
import { benchSmoothness } from './benchmarks/smoothness';
import { benchTeam, teamBenchAvailable } from './benchmarks/team';
import { benchUploadThroughput } from './benchmarks/upload';
import { closeBrowser, launchBrowser } from './lib/browser';
import { OUT_DIR, ROOT, RUNS } from './lib/config';
import { startConsole, startSandbox, stopAll } from './lib/processes';
import { median, printTable, rows } from './lib/results';

async function main() {
  const started = performance.now();
  const named = [...(process.env.BENCH_ONLY?.split(',') ?? []), ...process.argv.slice(2)].map((name) => name.trim()).filter(Boolean);
  const only = named.length ? named : null;
  const want = (name: string) => !only || only.includes(name);
  // The first eight share one sandbox and one console server; the team benchmark starts its own.
  const standard = ['memory', 'overhead', 'relay', 'upload', 'link', 'latency', 'smoothness', 'polling', 'library'].some(want);
  let team: unknown = null;
  if (!process.env.BENCH_SKIP_BUILD || !existsSync(path.join(OUT_DIR, '.vite/manifest.json'))) {
    console.log('Building into bench/.dist …');
    const build = spawnSync('npx', ['vite', 'build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  let bundle: unknown = null;
  if (want('bundle')) bundle = benchBundle();

  await launchBrowser();
  try {
    if (standard) {
      await startSandbox();
      if (want('memory')) await benchStreamingMemory();
      // A fresh console server for the rest.
      await startConsole();
      if (want('overhead')) await benchOverhead();
      if (want('relay')) await benchRelay();
      if (want('upload')) await benchUploadThroughput();
      if (want('link')) await benchLink();
      if (want('latency')) await benchLatency();
      if (want('smoothness')) await benchSmoothness();
      if (want('polling')) await benchPolling();
      if (want('library')) await benchLibrary();
      stopAll();
    }
    if (want('team')) {
      if (teamBenchAvailable()) team = await benchTeam();
      else console.log('\n9. Team traffic: skipped — no PostgreSQL (install postgresql, or set BENCH_TEAM_DATABASE_URL).');
    }
  } finally {
    await closeBrowser();
    stopAll();
  }
  printTable();
  const elapsed = (performance.now() - started) / 1000;
  console.log(`\n${RUNS} runs per benchmark (bundle: 1, deterministic; team: 1, one long window) · ${elapsed.toFixed(0)} s in all`);
  const results = {
    date: new Date().toISOString(),
    runs: RUNS,
    elapsed_s: Math.round(elapsed),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    bundle,
    team,
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
