/** 6. Drop-to-badge latency: UI against a Node init → PUT → classify baseline. */
import { MB, RUNS, SANDBOX } from '../lib/config';
import { pool } from '../lib/async';
import { api, initBody, put, reset, type InitResponse } from '../lib/http';
import { record } from '../lib/results';
import { uploadViaUi } from '../lib/ui-upload';
import { noisyPng, writeImage } from '../images';

export async function benchLatency() {
  console.log('\n6. Drop-to-badge latency (6 × 2 MB, concurrency 3)');
  const bytes = Array.from({ length: 6 }, (_, i) => noisyPng(2 * MB, 200 + i));
  const files = bytes.map((b, i) => writeImage(`latency-${i + 1}.png`, b));
  const ui: number[] = [];
  const node: number[] = [];
  const ratio: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await reset();
    ui.push((await uploadViaUi(files)).ms);
    await reset();
    const t0 = performance.now();
    await pool(bytes, 3, async (b, i) => {
      const init = await api<InitResponse>(SANDBOX, '/v1/characters/uploads/init', { body: initBody(`latency-${i + 1}.png`, 'png') });
      await put(init.upload_url, b, 'image/png');
      await api(SANDBOX, '/v1/characters/uploads/classify', { body: { upload_id: init.upload_id } });
    });
    node.push(performance.now() - t0);
    ratio.push(ui.at(-1)! / node.at(-1)!);
  }
  record({ bench: 'latency', metric: 'UI drop → last badge', unit: 'ms', values: ui });
  record({ bench: 'latency', metric: 'Node init→PUT→classify baseline', unit: 'ms', values: node });
  record({ bench: 'latency', metric: 'latency ratio UI / baseline', unit: '×', values: ratio });
}
