/**
 * 11. The relay's own cost (issue 18): Node PUTs of the same bytes straight to the sandbox's
 * storage and through the console's upload relay, in alternating pairs in one run, so the ratio
 * compares like with like on a busy machine. CPU-ms per relayed MB is the console process's own.
 */
import { CONSOLE, MB, RUNS, SANDBOX } from '../lib/config';
import { pool } from '../lib/async';
import { api, initBody, put, reset, type InitResponse } from '../lib/http';
import { consoleCpuMs } from '../lib/processes';
import { record } from '../lib/results';
import { noisyPng } from '../images';

export async function benchRelay() {
  console.log('\n11. Relay cost (6 × 9 MB, 3 at a time: direct vs through the relay, alternating)');
  const bytes = Array.from({ length: 6 }, (_, i) => noisyPng(9 * MB, 400 + i));
  const total = bytes.reduce((n, b) => n + b.length, 0);
  const direct: number[] = [];
  const relayed: number[] = [];
  const ratio: number[] = [];
  const cpuPerMb: number[] = [];
  const once = async (side: 'direct' | 'relay') => {
    await reset();
    const base = side === 'direct' ? SANDBOX : CONSOLE;
    const inits = await Promise.all(
      bytes.map((_, i) =>
        side === 'direct'
          ? api<InitResponse>(SANDBOX, '/v1/characters/uploads/init', { body: initBody(`d-${i}.png`, 'png') })
          : api<InitResponse>(CONSOLE, '/api/v1/characters/uploads/init', { key: false, body: initBody(`r-${i}.png`, 'png') }),
      ),
    );
    const cpu0 = consoleCpuMs();
    const t0 = performance.now();
    await pool(bytes, 3, (b, i) => put(new URL(inits[i]!.upload_url, base).href, b, 'image/png'));
    const seconds = (performance.now() - t0) / 1000;
    if (side === 'relay') cpuPerMb.push((consoleCpuMs() - cpu0) / (total / MB));
    return total / MB / seconds;
  };
  await once('relay'); // warm-up
  for (let run = 0; run < RUNS * 2; run++) {
    const order = run % 2 === 0 ? (['direct', 'relay'] as const) : (['relay', 'direct'] as const);
    const pair: Record<string, number> = {};
    for (const side of order) pair[side] = await once(side);
    direct.push(pair.direct!);
    relayed.push(pair.relay!);
    ratio.push(pair.relay! / pair.direct!);
  }
  record({ bench: 'relay', metric: 'Node PUT direct to storage', unit: 'MB/s', values: direct });
  record({ bench: 'relay', metric: 'Node PUT via the console relay', unit: 'MB/s', values: relayed });
  record({ bench: 'relay', metric: 'relay / direct', unit: '×', values: ratio, goal: '≥ 0.9', check: (m) => m >= 0.9 });
  record({ bench: 'relay', metric: 'console CPU per relayed MB', unit: 'ms', values: cpuPerMb });
}
