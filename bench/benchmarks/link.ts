/**
 * 10. Uploads on an emulated link (issue 18): the console behind a throttling proxy with a home
 * line's shape (50 Mbit/s up, 200 Mbit/s down, 40 ms round trip). Six 9 MB photos dropped into
 * the real UI in Chromium, drop → all classified, against the physical limit: the files' bytes
 * over the uplink's bandwidth. Node PUTting the same bytes through the same link and the relay
 * is measured in the same run, to tell the UI's share from the link's.
 */
import { CONSOLE_PORT, LINK_PORT, MB, RUNS } from '../lib/config';
import { pool } from '../lib/async';
import { api, initBody, put, reset, type InitResponse } from '../lib/http';
import { record } from '../lib/results';
import { startThrottleProxy, type LinkShape } from '../lib/throttle-proxy';
import { uploadViaUi } from '../lib/ui-upload';
import { noisyPng, writeImage } from '../images';

export const HOME_LINK: LinkShape = { upMbit: 50, downMbit: 200, rttMs: 40 };

export async function benchLink(link = HOME_LINK) {
  console.log(`\n10. Uploads on an emulated link (${link.upMbit} Mbit/s up, ${link.downMbit} down, ${link.rttMs} ms RTT; 6 × 9 MB)`);
  const proxy = await startThrottleProxy(LINK_PORT, CONSOLE_PORT, link);
  const base = `http://127.0.0.1:${LINK_PORT}`;
  try {
    const bytes = Array.from({ length: 6 }, (_, i) => noisyPng(9 * MB, 300 + i));
    const total = bytes.reduce((n, b) => n + b.length, 0);
    const files = bytes.map((b, i) => writeImage(`link-${i + 1}.png`, b));
    const limitMs = ((total * 8) / (link.upMbit * 1_000_000)) * 1000;
    console.log(`  (physical limit: ${(total / MB).toFixed(1)} MB at ${link.upMbit} Mbit/s = ${(limitMs / 1000).toFixed(2)} s)`);
    const ui: number[] = [];
    const first: number[] = [];
    const ofLimit: number[] = [];
    const node: number[] = [];
    const nodeOfLimit: number[] = [];
    const stages: Record<string, number[]> = {};
    for (let run = 0; run < RUNS; run++) {
      await reset();
      const result = await uploadViaUi(files, 180_000, base);
      ui.push(result.ms);
      first.push(result.firstMs);
      ofLimit.push(limitMs / result.ms);
      for (const [stage, value] of Object.entries(result.stages)) (stages[stage] ??= []).push(value);
      // Node through the same link and relay, three PUTs at a time, as the UI sends them.
      await reset();
      const inits = await Promise.all(
        bytes.map((_, i) =>
          api<InitResponse>(base, '/api/v1/characters/uploads/init', { key: false, body: initBody(`link-node-${i}.png`, 'png') }),
        ),
      );
      const t0 = performance.now();
      await pool(bytes, 3, (b, i) => put(new URL(inits[i]!.upload_url, base).href, b, 'image/png'));
      node.push(performance.now() - t0);
      nodeOfLimit.push(limitMs / node.at(-1)!);
    }
    record({ bench: 'link', metric: 'UI drop → 6 × 9 MB classified', unit: 'ms', values: ui });
    record({ bench: 'link', metric: 'UI drop → first badge', unit: 'ms', values: first });
    record({
      bench: 'link',
      metric: 'UI share of the physical limit (bytes ÷ uplink)',
      unit: '×',
      values: ofLimit,
      goal: '≥ 0.9',
      check: (m) => m >= 0.9,
    });
    record({ bench: 'link', metric: 'Node 6 PUTs via link + relay', unit: 'ms', values: node });
    record({ bench: 'link', metric: 'Node share of the physical limit', unit: '×', values: nodeOfLimit });
    for (const [stage, values] of Object.entries(stages)) record({ bench: 'link', metric: `per file: ${stage}`, unit: 'ms', values });
  } finally {
    await proxy.close();
  }
}
