/** 5. Main-thread smoothness: long tasks while the UI takes six 24 MP JPEGs. */
import { loadavg } from 'node:os';
import { MB, RUNS } from '../lib/config';
import { reset } from '../lib/http';
import { record } from '../lib/results';
import { uploadViaUi } from '../lib/ui-upload';
import { jpegVariant, largeJpeg, writeImage } from '../images';

export async function benchSmoothness() {
  console.log('\n5. Main-thread smoothness (6 × 24 MP JPEG)');
  const base = largeJpeg();
  const files = Array.from({ length: 6 }, (_, i) => writeImage(`large-${i + 1}.jpg`, jpegVariant(base, i + 1)));
  console.log(`  (JPEG ${(base.length / MB).toFixed(1)} MB each, 6000×4000)`);
  const longest: number[] = [];
  const count: number[] = [];
  const blocking: number[] = [];
  const elapsed: number[] = [];
  const longestCpu: number[] = [];
  const longestWallCpu: number[] = [];
  const stretch: number[] = [];
  const load: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await reset();
    // A light trace in the same run: how much of each task was the main thread's own work, and how
    // much waiting for a core (on a loaded machine a 10 ms task can take 100 ms of wall time).
    const { tasks, ms, mainThread } = await uploadViaUi(files, 120_000, undefined, { trace: true });
    elapsed.push(ms);
    load.push(loadavg()[0]!);
    if (mainThread) {
      longestCpu.push(mainThread.longestCpu);
      longestWallCpu.push(mainThread.longestWallCpu);
      stretch.push(mainThread.wall / Math.max(1, mainThread.cpu));
    }
    longest.push(Math.max(0, ...tasks));
    count.push(tasks.length);
    blocking.push(tasks.reduce((n, d) => n + Math.max(0, d - 50), 0));
  }
  record({ bench: 'smoothness', metric: 'drop → all classified', unit: 'ms', values: elapsed });
  record({
    bench: 'smoothness',
    metric: 'longest task, drop → all classified',
    unit: 'ms',
    values: longest,
    goal: '≤ 50 ms',
    check: (m) => m <= 50,
  });
  record({ bench: 'smoothness', metric: 'long tasks (> 50 ms)', unit: 'count', values: count, goal: '0', check: (m) => m === 0 });
  record({ bench: 'smoothness', metric: 'total blocking time', unit: 'ms', values: blocking });
  record({ bench: 'smoothness', metric: 'trace: main-thread CPU in the longest task', unit: 'ms', values: longestWallCpu });
  record({ bench: 'smoothness', metric: 'trace: most main-thread CPU in one task', unit: 'ms', values: longestCpu });
  record({
    bench: 'smoothness',
    metric: 'trace: main-thread wall ÷ CPU in tasks (1 = never waiting for a core)',
    unit: '×',
    values: stretch,
  });
  record({ bench: 'smoothness', metric: 'machine load average (1 min) after the run', unit: '', values: load });
}
