/** A clock for tests: time moves only when a sleeper is woken by `advance`. */
import type { Clock } from '../../src/lib/aurous/limiter';

export function createFakeClock(start = 0) {
  let now = start;
  const sleepers: { until: number; resolve: () => void }[] = [];
  const clock: Clock & { advance: (ms: number) => Promise<void>; sleeps: number[] } = {
    sleeps: [],
    now: () => now,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        clock.sleeps.push(ms);
        sleepers.push({ until: now + ms, resolve });
      }),
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        // Let pending work run first: it may be about to go to sleep.
        await new Promise((resolve) => setImmediate(resolve));
        sleepers.sort((a, b) => a.until - b.until);
        const next = sleepers[0];
        if (!next || next.until > target) break;
        sleepers.shift();
        now = next.until;
        next.resolve();
      }
      now = target;
    },
  };
  return clock;
}
