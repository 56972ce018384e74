/** 2. Upload throughput: UI against Node PUTs straight to storage and through the console relay. */
import { CONSOLE, MB, RUNS, SANDBOX } from '../lib/config';
import { pool } from '../lib/async';
import { api, initBody, put, reset, type InitResponse } from '../lib/http';
import { record } from '../lib/results';
import { uploadViaUi } from '../lib/ui-upload';
import { noisyPng, writeImage } from '../images';

export async function benchUploadThroughput() {
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
    const inits = await Promise.all(
      bytes.map((_, i) => api<InitResponse>(SANDBOX, '/v1/characters/uploads/init', { body: initBody(`base-${i}.png`, 'png') })),
    );
    const t0 = performance.now();
    await pool(bytes, 3, (b, i) => put(inits[i]!.upload_url, b, 'image/png'));
    const seconds = (performance.now() - t0) / 1000;
    node.push(total / MB / seconds);
    ratio.push(ui.at(-1)! / node.at(-1)!);
    // The same PUTs from Node through the console server's relay: what the relay hop costs,
    // apart from the browser.
    await reset();
    const relayed = await Promise.all(
      bytes.map((_, i) =>
        api<InitResponse>(CONSOLE, '/api/v1/characters/uploads/init', { key: false, body: initBody(`relay-${i}.png`, 'png') }),
      ),
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
