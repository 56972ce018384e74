/** 6. Drop-to-badge latency: UI against a Node init → PUT → classify baseline, stage by stage. */
import { MB, RUNS, SANDBOX } from '../lib/config';
import { pool } from '../lib/async';
import { api, initBody, put, reset, type InitResponse } from '../lib/http';
import { median, record } from '../lib/results';
import { uploadViaUi } from '../lib/ui-upload';
import { noisyPng, writeImage } from '../images';

export async function benchLatency() {
  console.log('\n6. Drop-to-badge latency (6 × 2 MB, concurrency 3)');
  const bytes = Array.from({ length: 6 }, (_, i) => noisyPng(2 * MB, 200 + i));
  const files = bytes.map((b, i) => writeImage(`latency-${i + 1}.png`, b));
  const ui: number[] = [];
  const first: number[] = [];
  const node: number[] = [];
  const ratio: number[] = [];
  const stages: Record<string, number[]> = {};
  const nodeStages: Record<'init' | 'put' | 'classify', number[]> = { init: [], put: [], classify: [] };
  for (let run = 0; run < RUNS; run++) {
    await reset();
    const result = await uploadViaUi(files);
    ui.push(result.ms);
    first.push(result.firstMs);
    for (const [stage, value] of Object.entries(result.stages)) (stages[stage] ??= []).push(value);
    await reset();
    const spans: Record<'init' | 'put' | 'classify', number[]> = { init: [], put: [], classify: [] };
    const t0 = performance.now();
    await pool(bytes, 3, async (b, i) => {
      const a = performance.now();
      const init = await api<InitResponse>(SANDBOX, '/v1/characters/uploads/init', { body: initBody(`latency-${i + 1}.png`, 'png') });
      const b1 = performance.now();
      await put(init.upload_url, b, 'image/png');
      const c = performance.now();
      await api(SANDBOX, '/v1/characters/uploads/classify', { body: { upload_id: init.upload_id } });
      spans.init.push(b1 - a);
      spans.put.push(c - b1);
      spans.classify.push(performance.now() - c);
    });
    node.push(performance.now() - t0);
    for (const stage of ['init', 'put', 'classify'] as const) nodeStages[stage].push(median(spans[stage]));
    ratio.push(ui.at(-1)! / node.at(-1)!);
  }
  record({ bench: 'latency', metric: 'UI drop → last badge', unit: 'ms', values: ui });
  record({ bench: 'latency', metric: 'UI drop → first badge', unit: 'ms', values: first });
  record({ bench: 'latency', metric: 'Node init→PUT→classify baseline', unit: 'ms', values: node });
  record({ bench: 'latency', metric: 'latency ratio UI / baseline', unit: '×', values: ratio });
  for (const [stage, values] of Object.entries(stages)) record({ bench: 'latency', metric: `UI per file: ${stage}`, unit: 'ms', values });
  for (const [stage, values] of Object.entries(nodeStages))
    record({ bench: 'latency', metric: `Node per file: ${stage}`, unit: 'ms', values });
}
