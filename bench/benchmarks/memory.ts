/** 3. Console server streaming memory: RSS while relaying large PUTs. */
import { writeFileSync } from 'node:fs';
import { CONSOLE, MB, RUNS } from '../lib/config';
import { sleep } from '../lib/async';
import { api, initBody, put, reset, type InitResponse } from '../lib/http';
import { startConsole, statusKb, stopConsole } from '../lib/processes';
import { record } from '../lib/results';
import { noisyPng } from '../images';

export async function benchStreamingMemory() {
  console.log('\n3. Console server streaming memory (6 × 64 MB PUTs at once)');
  const payloads = Array.from({ length: 6 }, (_, i) => Buffer.alloc(64 * MB, 17 + i));
  // PNG magic up front, in case anything sniffs.
  for (const payload of payloads) noisyPng(64, 1).copy(payload, 0, 0, 8);
  const deltas: number[] = [];
  const idles: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // A fresh console server per run: memory a run leaves behind would inflate the next idle figure.
    const server = await startConsole();
    const pid = server.pid!;
    await reset();
    const inits = await Promise.all(
      payloads.map((_, i) =>
        api<InitResponse>(CONSOLE, '/api/v1/characters/uploads/init', { key: false, body: initBody(`mem-${i}.png`, 'png') }),
      ),
    );
    await sleep(300);
    const idle = statusKb(pid, 'VmRSS');
    writeFileSync(`/proc/${pid}/clear_refs`, '5'); // reset VmHWM to the current RSS
    let peak = idle;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, statusKb(pid, 'VmRSS'));
        await sleep(5);
      }
    })();
    await Promise.all(payloads.map((payload, i) => put(new URL(inits[i]!.upload_url, CONSOLE).href, payload, 'image/png')));
    sampling = false;
    await sampler;
    let hwm = NaN;
    try {
      hwm = statusKb(pid, 'VmHWM');
    } catch {
      /* ignore */
    }
    peak = Math.max(peak, Number.isNaN(hwm) ? 0 : hwm);
    idles.push(idle / 1024);
    deltas.push((peak - idle) / 1024);
    await stopConsole(server);
  }
  await reset();
  record({ bench: 'server memory', metric: 'idle RSS', unit: 'MB', values: idles });
  record({
    bench: 'server memory',
    metric: 'peak RSS − idle while proxying 384 MB',
    unit: 'MB',
    values: deltas,
    goal: '< 64 MB',
    check: (m) => m < 64,
  });
}
